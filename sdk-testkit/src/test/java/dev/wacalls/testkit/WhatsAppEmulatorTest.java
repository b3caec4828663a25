package dev.wacalls.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.wacalls.error.AuthorizationException;
import dev.wacalls.error.CallPermissionRequiredException;
import dev.wacalls.error.CallingUnavailableException;
import dev.wacalls.error.PermanentPermissionExistsException;
import dev.wacalls.error.RateLimitedException;
import dev.wacalls.graph.CallingSettingsUpdate;
import dev.wacalls.graph.ConnectCallRequest;
import dev.wacalls.graph.MessagingLimit;
import dev.wacalls.graph.PermissionStatus;
import dev.wacalls.graph.RetryPolicy;
import dev.wacalls.graph.WhatsAppCallingClient;
import dev.wacalls.id.WaId;
import dev.wacalls.webhook.CallPermissionReply;
import dev.wacalls.webhook.CallTerminate;
import dev.wacalls.webhook.ResponseSource;
import dev.wacalls.webhook.WebhookEvent;
import dev.wacalls.webhook.Webhooks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhatsAppEmulatorTest {
    private static final String OFFER = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";
    private static final WaId ALEX = WaId.of("447700900123");

    private WhatsAppEmulator meta;
    private WhatsAppCallingClient client;
    private final Webhooks webhooks = Webhooks.builder().appSecret("emulator-app-secret").build();

    @BeforeEach
    void start() {
        meta = WhatsAppEmulator.builder().ringTimeout(Duration.ofMillis(50)).build();
        client = WhatsAppCallingClient.builder().baseUrl(meta.baseUrl()).accessToken(meta.accessToken())
                .phoneNumberId(meta.phoneNumberId()).wabaId(meta.wabaId()).retryPolicy(RetryPolicy.none()).build();
    }

    @AfterEach
    void stop() {
        meta.close();
    }

    private List<WebhookEvent> events() {
        // No URL is set: the emulator records each webhook it would have sent; they must verify and parse.
        return meta.deliveries().stream()
                .flatMap(d -> webhooks.parseWithoutVerification(d.body().getBytes(StandardCharsets.UTF_8)).events().stream())
                .toList();
    }

    @Test
    void callingWithoutPermissionIsRefusedWith138006() {
        meta.addCandidate(VirtualCandidate.of(ALEX, "Alex").onPermissionRequest(VirtualCandidate.PermissionBehaviour.IGNORE));
        client.settings().update(CallingSettingsUpdate.enableCalling());
        assertThatThrownBy(() -> client.calls().connect(ConnectCallRequest.to(ALEX, OFFER).build()))
                .isInstanceOf(CallPermissionRequiredException.class)
                .hasMessageContaining("138006");
    }

    @Test
    void callingBeforeEnablingIsRefusedWith138000() {
        meta.addCandidate(VirtualCandidate.of(ALEX, "Alex"));
        assertThatThrownBy(() -> client.calls().connect(ConnectCallRequest.to(ALEX, OFFER).build()))
                .isInstanceOf(CallingUnavailableException.class);
    }

    @Test
    void aSecondInvitationWithin24HoursIsRefusedWith138009() {
        meta.addCandidate(VirtualCandidate.of(ALEX, "Alex").onPermissionRequest(VirtualCandidate.PermissionBehaviour.IGNORE));
        client.permissions().sendRequest(ALEX, "May we call you?");
        assertThatThrownBy(() -> client.permissions().sendRequest(ALEX, "May we call you?"))
                .isInstanceOf(RateLimitedException.class);
        var permissions = client.permissions().get(ALEX);
        assertThat(permissions.status()).isEqualTo(PermissionStatus.NO_PERMISSION);
        assertThat(permissions.canSendPermissionRequest()).isFalse();
    }

    @Test
    void aPermanentPermissionRefusesNewRequestsWith138017() {
        meta.addCandidate(VirtualCandidate.of(ALEX, "Alex")
                .onPermissionRequest(VirtualCandidate.PermissionBehaviour.ACCEPT_PERMANENT));
        client.permissions().sendRequest(ALEX, null);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> client.permissions().get(ALEX).status() == PermissionStatus.PERMANENT);
        assertThatThrownBy(() -> client.permissions().sendRequest(ALEX, null))
                .isInstanceOf(PermanentPermissionExistsException.class);
    }

    @Test
    void fourUnansweredCallsRevokeThePermissionAutomatically() {
        meta.addCandidate(VirtualCandidate.of(ALEX, "Alex").onCall(VirtualCandidate.CallBehaviour.IGNORE));
        client.settings().update(CallingSettingsUpdate.enableCalling());
        client.permissions().sendRequest(ALEX, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> client.permissions().get(ALEX).canStartCall());
        for (int i = 1; i <= 4; i++) {
            client.calls().connect(ConnectCallRequest.to(ALEX, OFFER).build());
            int ended = i;
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> events().stream().filter(CallTerminate.class::isInstance).count() == ended);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> events().stream()
                .anyMatch(e -> e instanceof CallPermissionReply r && !r.granted() && r.source() == ResponseSource.AUTOMATIC));
        assertThat(client.permissions().get(ALEX).status()).isEqualTo(PermissionStatus.NO_PERMISSION);
        assertThatThrownBy(() -> client.calls().connect(ConnectCallRequest.to(ALEX, OFFER).build()))
                .isInstanceOf(CallPermissionRequiredException.class);
    }

    @Test
    void aWrongTokenIsRefusedLikeMetaDoes() {
        WhatsAppCallingClient wrong = client.newBuilder().accessToken("not-the-token").build();
        assertThatThrownBy(() -> wrong.settings().get()).isInstanceOf(AuthorizationException.class);
    }

    @Test
    void thePhoneNumberQualifiesForCalling() {
        assertThat(client.phoneNumbers().get().messagingLimit()).isEqualTo(MessagingLimit.TIER_2K);
        assertThat(client.phoneNumbers().get().country()).contains("GB");
    }
}
