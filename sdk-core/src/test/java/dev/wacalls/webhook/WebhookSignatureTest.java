package dev.wacalls.webhook;

import static dev.wacalls.webhook.WebhookFixtures.APP_SECRET;
import static dev.wacalls.webhook.WebhookFixtures.OTHER_APP_SECRET;
import static dev.wacalls.webhook.WebhookFixtures.fixture;
import static dev.wacalls.webhook.WebhookFixtures.sign;
import static dev.wacalls.webhook.WebhookFixtures.strict;
import static dev.wacalls.webhook.WebhookFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** X-Hub-Signature-256: HMAC-SHA256 over the raw bytes with the app secret. */
class WebhookSignatureTest {
    private static final byte[] BODY = fixture("connect-user-initiated.json");

    private static WebhookSignatureException refusal(Webhooks webhooks, byte[] body, String header) {
        Throwable t = catchThrowable(() -> webhooks.verifySignature(body, header));
        assertThat(t).isExactlyInstanceOf(WebhookSignatureException.class);
        WebhookSignatureException e = (WebhookSignatureException) t;
        assertThat(e.httpStatus()).isEqualTo(401);
        return e;
    }

    @Test
    void aCorrectSignatureIsAcceptedAndTheBodyParsed() {
        Webhooks webhooks = strict();
        assertThatCode(() -> webhooks.verifySignature(BODY, sign(BODY))).doesNotThrowAnyException();
        assertThat(webhooks.parse(BODY, sign(BODY)).events()).hasSize(1);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void aMissingSignatureHeaderIsRefusedAsMissingWith401(String header) {
        assertThat(refusal(strict(), BODY, header).reason()).isEqualTo(WebhookSignatureException.Reason.MISSING);
    }

    @Test
    void aSha1SignatureIsRefusedAsMalformed() {
        String sha1Style = "sha1=" + sign(BODY).substring("sha256=".length(), "sha256=".length() + 40);
        assertThat(refusal(strict(), BODY, sha1Style).reason()).isEqualTo(WebhookSignatureException.Reason.MALFORMED);
        // Even a sha1= prefix in front of the right SHA-256 hex is not Meta's format.
        String sha1Prefix = "sha1=" + sign(BODY).substring("sha256=".length());
        assertThat(refusal(strict(), BODY, sha1Prefix).reason()).isEqualTo(WebhookSignatureException.Reason.MALFORMED);
    }

    @Test
    void aSignatureWithoutPrefixIsRefusedAsMalformed() {
        String bareHex = sign(BODY).substring("sha256=".length());
        assertThat(refusal(strict(), BODY, bareHex).reason()).isEqualTo(WebhookSignatureException.Reason.MALFORMED);
    }

    @Test
    void aSignatureOfTheWrongLengthIsRefusedAsMalformed() {
        String good = sign(BODY);
        for (String header : new String[] {
                good.substring(0, good.length() - 1), good + "0", good + good.substring(7), "sha256=", "sha256=ab"}) {
            assertThat(refusal(strict(), BODY, header).reason())
                    .as(header)
                    .isEqualTo(WebhookSignatureException.Reason.MALFORMED);
        }
    }

    @Test
    void aSignatureWithNonHexCharactersIsRefusedAsMalformed() {
        String good = sign(BODY);
        for (char bad : new char[] {'g', 'z', 'G', ' ', '-', ':', 'x'}) {
            String header = good.substring(0, 20) + bad + good.substring(21);
            assertThat(refusal(strict(), BODY, header).reason())
                    .as("with '%s'", bad)
                    .isEqualTo(WebhookSignatureException.Reason.MALFORMED);
        }
    }

    @Test
    void digitsOfOtherScriptsAreNotHexAndAreRefusedAsMalformed() {
        // Character.digit() reads these as 0-9/a-f; a header with them is not Meta's ASCII hex, even when the
        // value they spell is the right HMAC.
        String good = sign(BODY);
        String hex = good.substring("sha256=".length());
        StringBuilder fullwidth = new StringBuilder("sha256=");
        for (char c : hex.toCharArray()) {
            fullwidth.append(Character.isDigit(c) ? (char) ('\uFF10' + (c - '0')) : (char) ('\uFF41' + (c - 'a')));
        }
        assertThat(refusal(strict(), BODY, fullwidth.toString()).reason())
                .isEqualTo(WebhookSignatureException.Reason.MALFORMED);

        int digitAt = -1;
        for (int i = 0; i < hex.length(); i++) {
            if (Character.isDigit(hex.charAt(i))) {
                digitAt = i;
                break;
            }
        }
        char arabicIndic = (char) ('\u0660' + (hex.charAt(digitAt) - '0'));
        String oneForeignDigit = "sha256=" + hex.substring(0, digitAt) + arabicIndic + hex.substring(digitAt + 1);
        assertThat(refusal(strict(), BODY, oneForeignDigit).reason())
                .isEqualTo(WebhookSignatureException.Reason.MALFORMED);
    }

    @Test
    void oneFlippedByteOfTheBodyIsAMismatch() {
        String header = sign(BODY);
        for (int at : new int[] {0, BODY.length / 2, BODY.length - 1}) {
            byte[] altered = BODY.clone();
            altered[at] ^= 0x01;
            assertThat(refusal(strict(), altered, header).reason())
                    .as("byte %d flipped", at)
                    .isEqualTo(WebhookSignatureException.Reason.MISMATCH);
        }
    }

    @Test
    void aSignatureMadeWithAnotherAppSecretIsAMismatch() {
        assertThat(refusal(strict(), BODY, sign(BODY, OTHER_APP_SECRET)).reason())
                .isEqualTo(WebhookSignatureException.Reason.MISMATCH);
    }

    @Test
    void upperCaseHexIsAccepted() {
        String header = "sha256=" + sign(BODY).substring("sha256=".length()).toUpperCase(Locale.ROOT);
        assertThatCode(() -> strict().verifySignature(BODY, header)).doesNotThrowAnyException();
    }

    @Test
    void withTwoAppSecretsConfiguredASignatureOfEitherIsAccepted() {
        Webhooks both = Webhooks.builder().appSecret(APP_SECRET).appSecret(OTHER_APP_SECRET).build();
        assertThatCode(() -> both.verifySignature(BODY, sign(BODY, APP_SECRET))).doesNotThrowAnyException();
        assertThatCode(() -> both.verifySignature(BODY, sign(BODY, OTHER_APP_SECRET))).doesNotThrowAnyException();
        assertThat(refusal(both, BODY, sign(BODY, "a-third-app-secret")).reason())
                .isEqualTo(WebhookSignatureException.Reason.MISMATCH);
    }

    @Test
    void aBodyReserialisedWithOtherWhitespaceNoLongerMatchesTheOriginalSignature() {
        // The signature is over the raw bytes: a framework that parses and re-serialises the JSON breaks it.
        byte[] reserialised = WebhookFixtures.compact(WebhookFixtures.tree(BODY));
        assertThat(WebhookFixtures.tree(reserialised)).isEqualTo(WebhookFixtures.tree(BODY));
        assertThat(refusal(strict(), reserialised, sign(BODY)).reason())
                .isEqualTo(WebhookSignatureException.Reason.MISMATCH);
    }

    @Test
    void aBodyWithNonAsciiTextIsVerifiedOverItsUtf8Bytes() {
        // Non-ASCII text in the body (an emoji in a profile name) must be signed and checked as UTF-8 bytes.
        byte[] body = utf8(new String(BODY, java.nio.charset.StandardCharsets.UTF_8)
                .replace("Pablo Morales", "Pablo Morales \uD83D\uDCDE"));
        assertThatCode(() -> strict().verifySignature(body, sign(body))).doesNotThrowAnyException();
        assertThat(strict().parse(body, sign(body)).eventsOf(CallConnect.class).get(0).user().profileName())
                .isEqualTo("Pablo Morales \uD83D\uDCDE");
    }

    @Test
    void parseChecksTheSignatureBeforeLookingAtTheBody() {
        byte[] garbage = utf8("this is not JSON at all");
        Throwable t = catchThrowable(() -> strict().parse(garbage, sign(BODY)));
        assertThat(t).isExactlyInstanceOf(WebhookSignatureException.class);
        assertThat(((WebhookSignatureException) t).reason()).isEqualTo(WebhookSignatureException.Reason.MISMATCH);

        Throwable unsigned = catchThrowable(() -> strict().parse(garbage, null));
        assertThat(((WebhookSignatureException) unsigned).reason()).isEqualTo(WebhookSignatureException.Reason.MISSING);
    }

    @Test
    void verifyingWithoutAnyAppSecretConfiguredIsAConfigurationError() {
        Webhooks noSecret = Webhooks.builder().verifyToken("t").build();
        assertThat(catchThrowable(() -> noSecret.verifySignature(BODY, sign(BODY))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("appSecret");
    }
}
