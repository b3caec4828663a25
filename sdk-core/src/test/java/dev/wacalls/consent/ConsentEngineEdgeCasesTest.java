package dev.wacalls.consent;

import static dev.wacalls.consent.ConsentEngineRulesTest.denied;
import static dev.wacalls.consent.ConsentFixtures.DAY;
import static dev.wacalls.consent.ConsentFixtures.T0;
import static dev.wacalls.consent.ConsentFixtures.acceptPermanent;
import static dev.wacalls.consent.ConsentFixtures.acceptTemporary;
import static dev.wacalls.consent.ConsentFixtures.key;
import static dev.wacalls.consent.ConsentFixtures.reject;
import static dev.wacalls.consent.ConsentFixtures.send;
import static dev.wacalls.consent.ConsentFixtures.start;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wacalls.consent.jdbc.JdbcConsentStore;
import dev.wacalls.graph.CallPermissions;
import dev.wacalls.graph.PermissionStatus;
import dev.wacalls.id.CallId;
import dev.wacalls.id.MessageId;
import dev.wacalls.webhook.CallPermissionReply;
import dev.wacalls.webhook.EventContext;
import dev.wacalls.webhook.MessageStatus;
import dev.wacalls.webhook.MessageStatusUpdate;
import dev.wacalls.webhook.PermissionResponse;
import dev.wacalls.webhook.ResponseSource;
import dev.wacalls.webhook.UserIdentity;
import dev.wacalls.id.WaId;
import java.time.Duration;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Situations found in review: webhooks racing API answers, stale texts, Meta's already-expired grants. */
class ConsentEngineEdgeCasesTest {
    private final MutableClock clock = new MutableClock(T0);
    private final RecordingTimeline timeline = new RecordingTimeline();
    private final ConsentKey key = key("acme", "447700900123");

    private ConsentEngine engine(ConsentStore store) {
        return ConsentEngine.builder().store(store).clock(clock).listener(timeline).build();
    }

    @Test
    void afterTheDeclineCoolDownTheStatusNoLongerNamesATimeInThePast() {
        ConsentEngine engine = engine(new InMemoryConsentStore());
        engine.tryInvite(key);
        engine.replied(key, reject(T0.plusSeconds(60)));
        assertThat(denied(engine.canCall(key)).changesAt()).isEqualTo(T0.plus(DAY));

        clock.set(T0.plus(DAY));
        Decision.Denied later = denied(engine.canCall(key));
        assertThat(later.reason()).isEqualTo(DenialReason.INVITATION_DECLINED);
        assertThat(later.status()).isEqualTo("Invitation declined — invite again");
        assertThat(later.changesAt()).isNull();
        assertThat(engine.canInvite(key).allowed()).isTrue();
    }

    @Test
    void metaReportingATemporaryPermissionThatAlreadyEndedEndsTheLocalOneWithoutAGrant() {
        ConsentEngine engine = engine(new InMemoryConsentStore());
        engine.replied(key, acceptPermanent(T0));
        timeline.clear();

        engine.reconcile(key, new CallPermissions(PermissionStatus.TEMPORARY, T0, List.of(send(true), start(true))));

        assertThat(denied(engine.canCall(key)).reason()).isEqualTo(DenialReason.PERMISSION_EXPIRED);
        assertThat(timeline.types()).containsExactly(TimelineEventType.PERMISSION_EXPIRED);
    }

    @Test
    void aFailedPermissionRequestStopsWaitingButStillCounts() {
        ConsentEngine engine = engine(new InMemoryConsentStore());
        assertThat(engine.tryInvite(key).allowed()).isTrue();
        engine.invitationSent(key, MessageId.of("wamid.REQUEST"));
        EventContext ctx = new EventContext(null, ConsentFixtures.LINE, null, "messages");
        UserIdentity alex = new UserIdentity(WaId.of("447700900123"), null, null, null, null);

        engine.onWebhook(new MessageStatusUpdate(ctx, MessageId.of("wamid.OTHER"), MessageStatus.FAILED, "failed",
                alex, T0, List.of()), line -> "acme");
        assertThat(denied(engine.canCall(key)).reason()).as("another message failed").isEqualTo(
                DenialReason.WAITING_FOR_REPLY);

        engine.onWebhook(new MessageStatusUpdate(ctx, MessageId.of("wamid.REQUEST"), MessageStatus.FAILED, "failed",
                alex, T0, List.of()), line -> "acme");
        assertThat(denied(engine.canCall(key)).reason()).isEqualTo(DenialReason.NO_PERMISSION);
        assertThat(denied(engine.canInvite(key)).reason()).as("the failed request still counts")
                .isEqualTo(DenialReason.DAILY_INVITE_LIMIT);
    }

    @Test
    void aPermissionReplyWithAnUnknownResponseChangesNothing() {
        ConsentEngine engine = engine(new InMemoryConsentStore());
        engine.replied(key, acceptTemporary(T0));
        timeline.clear();
        CallPermissionReply unknown = new CallPermissionReply(
                new EventContext(null, ConsentFixtures.LINE, null, "messages"), MessageId.of("wamid.X"),
                new UserIdentity(WaId.of("447700900123"), null, null, null, null), T0, PermissionResponse.UNKNOWN,
                false, null, ResponseSource.USER_ACTION, null, null);

        engine.onWebhook(unknown, line -> "acme");

        assertThat(engine.canCall(key).allowed()).isTrue();
        assertThat(timeline.events()).isEmpty();
    }

    @Test
    void anAcceptedWebhookBeforeMetasConnectAnswerCountsTheCallOnceEvenOnAJdbcStore() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:edge-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        ConsentEngine engine = ConsentEngine.builder().store(JdbcConsentStore.migrateAndCreate(h2)).clock(clock)
                .policy(ConsentPolicy.defaults().withMaxCallsPerCandidatePerDay(2)).build();
        engine.replied(key, acceptPermanent(T0));

        String reservation = ((Decision.Allowed) engine.tryStartCall(key)).reservationId();
        engine.callConnected(key, "wacid.RACE", true);            // ACCEPTED arrives first …
        engine.callPlaced(key, reservation, CallId.of("wacid.RACE")); // … then connect's answer

        assertThat(engine.tryStartCall(key).allowed()).as("one call counted, one more allowed").isTrue();
        assertThat(engine.tryStartCall(key).allowed()).as("the limit of two is reached").isFalse();
        clock.advance(Duration.ofMinutes(11));
        assertThat(engine.canCall(key).allowed()).as("the second call's reservation lapsed; the first still counts")
                .isTrue();
    }
}
