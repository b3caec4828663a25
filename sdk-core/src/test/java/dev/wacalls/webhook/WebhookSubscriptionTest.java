package dev.wacalls.webhook;

import static dev.wacalls.webhook.WebhookFixtures.VERIFY_TOKEN;
import static dev.wacalls.webhook.WebhookFixtures.strict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=… */
class WebhookSubscriptionTest {
    private static final String CHALLENGE = "1158201444";

    private static void assertRefused(String mode, String token, String challenge) {
        Throwable t = catchThrowable(() -> strict().verifySubscription(mode, token, challenge));
        assertThat(t).isExactlyInstanceOf(WebhookSubscriptionException.class);
        assertThat(((WebhookSubscriptionException) t).httpStatus()).isEqualTo(403);
    }

    @Test
    void theRightTokenReturnsTheChallengeToAnswerWith() {
        assertThat(strict().verifySubscription("subscribe", VERIFY_TOKEN, CHALLENGE)).isEqualTo(CHALLENGE);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"wrong-token", "wacalls-verify-2c9f4", "wacalls-verify-2c9f411", "WACALLS-VERIFY-2C9F41"})
    void aWrongOrMissingTokenIsRefusedWith403(String token) {
        assertRefused("subscribe", token, CHALLENGE);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"unsubscribe", "subscribe ", "sub"})
    void aModeOtherThanSubscribeIsRefusedWith403(String mode) {
        assertRefused(mode, VERIFY_TOKEN, CHALLENGE);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void aMissingChallengeIsRefusedWith403(String challenge) {
        assertRefused("subscribe", VERIFY_TOKEN, challenge);
    }

    @Test
    void aHandshakeWithoutAConfiguredVerifyTokenIsAConfigurationError() {
        Webhooks noToken = Webhooks.builder().appSecret("secret").build();
        assertThat(catchThrowable(() -> noToken.verifySubscription("subscribe", "anything", CHALLENGE)))
                .isInstanceOf(IllegalStateException.class);
    }
}
