package dev.wacalls.consent;

import static dev.wacalls.consent.ConsentEngineRulesTest.assertDenied;
import static dev.wacalls.consent.ConsentEngineRulesTest.denied;
import static dev.wacalls.consent.ConsentFixtures.DAY;
import static dev.wacalls.consent.ConsentFixtures.LINE;
import static dev.wacalls.consent.ConsentFixtures.SECOND;
import static dev.wacalls.consent.ConsentFixtures.T0;
import static dev.wacalls.consent.ConsentFixtures.acceptPermanent;
import static dev.wacalls.consent.ConsentFixtures.acceptTemporary;
import static dev.wacalls.consent.ConsentFixtures.key;
import static dev.wacalls.consent.ConsentFixtures.limit;
import static dev.wacalls.consent.ConsentFixtures.metaError;
import static dev.wacalls.consent.ConsentFixtures.rateLimited;
import static dev.wacalls.consent.ConsentFixtures.send;
import static dev.wacalls.consent.ConsentFixtures.start;
import static dev.wacalls.consent.TimelineEventType.CALL_COMPLETED;
import static dev.wacalls.consent.TimelineEventType.CALL_STARTED;
import static dev.wacalls.consent.TimelineEventType.CALL_UNANSWERED;
import static dev.wacalls.consent.TimelineEventType.PERMISSION_DECLINED;
import static dev.wacalls.consent.TimelineEventType.PERMISSION_EXPIRED;
import static dev.wacalls.consent.TimelineEventType.PERMISSION_GRANTED;
import static dev.wacalls.consent.TimelineEventType.PERMISSION_REQUESTED;
import static dev.wacalls.consent.TimelineEventType.PERMISSION_RESET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wacalls.graph.CallPermissions;
import dev.wacalls.graph.PermissionStatus;
import dev.wacalls.id.CallId;
import dev.wacalls.id.MessageId;
import dev.wacalls.id.PhoneNumberId;
import dev.wacalls.id.WaId;
import dev.wacalls.webhook.CallDirection;
import dev.wacalls.webhook.CallPermissionReply;
import dev.wacalls.webhook.CallStatus;
import dev.wacalls.webhook.CallStatusUpdate;
import dev.wacalls.webhook.CallTerminate;
import dev.wacalls.webhook.EventContext;
import dev.wacalls.webhook.PermissionResponse;
import dev.wacalls.webhook.ResponseSource;
import dev.wacalls.webhook.TerminateStatus;
import dev.wacalls.webhook.UserIdentity;
import dev.wacalls.webhook.WebhookEvent;
import dev.wacalls.webhook.Webhooks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Meta is the final word: its error codes, GET call_permissions and webhooks override the local state. */
class ConsentEngineMetaTest {
    private static final String CANDIDATE = "447700900123";
    private static final Function<PhoneNumberId, String> ORG = line -> "acme";

    private final MutableClock clock = new MutableClock(T0);
    private final RecordingTimeline timeline = new RecordingTimeline();
    private final ConsentKey key = key("acme", CANDIDATE);
    private final ConsentEngine engine = ConsentEngine.builder().store(new InMemoryConsentStore()).clock(clock)
            .listener(timeline).build();

    private void at(Instant t) {
        clock.set(t);
    }

    private String reserve() {
        Decision d = engine.tryStartCall(key);
        assertThat(d.allowed()).as("call allowed: %s", d).isTrue();
        return ((Decision.Allowed) d).reservationId();
    }

    @Nested
    class ErrorCodes {
        @Test
        void code138009BlocksInvitationsUntilMetasNextAllowedTime() {
            assertThat(engine.tryInvite(key).allowed()).isTrue();
            Instant next = T0.plus(Duration.ofHours(30));
            engine.invitationRefused(key, rateLimited(138009, next));

            at(next.minus(SECOND));
            Decision.Denied no = denied(engine.canInvite(key));
            assertDenied(no, DenialReason.INVITE_LIMIT_BY_META, next);
            assertThat(no.status()).endsWith("next at " + next);
            assertThat(denied(engine.canCall(key)).reason()).isEqualTo(DenialReason.NO_PERMISSION);
            at(next);
            assertThat(engine.tryInvite(key).allowed()).isTrue();
        }

        @Test
        void code138009WithoutATimeBlocksForADay() {
            engine.tryInvite(key);
            engine.invitationRefused(key, metaError(138009));
            assertDenied(engine.canInvite(key), DenialReason.INVITE_LIMIT_BY_META, T0.plus(DAY));
        }

        @Test
        void aRefusedInvitationIsTakenBackFromTheCounters() {
            engine.tryInvite(key);
            engine.invitationRefused(key, metaError(131026));   // app too old: nothing was sent
            assertThat(engine.canInvite(key).allowed()).isTrue();
        }

        @Test
        void code138012BlocksCallsUntilItsNextTime() {
            engine.replied(key, acceptPermanent(T0));
            Instant next = T0.plus(Duration.ofHours(5));
            engine.callRefused(key, reserve(), rateLimited(138012, next));

            at(next.minus(SECOND));
            Decision.Denied no = denied(engine.canCall(key));
            assertDenied(no, DenialReason.CANDIDATE_DAILY_CALL_LIMIT, next);
            assertThat(no.status()).isEqualTo("Daily call limit — resets at " + next);
            assertThat(engine.tryStartCall(key).allowed()).isFalse();
            at(next);
            assertThat(engine.tryStartCall(key).allowed()).isTrue();
        }

        @Test
        void code138006ResetsThePermission() {
            engine.replied(key, acceptTemporary(T0));
            clock.advance(Duration.ofHours(1));
            engine.callRefused(key, reserve(), metaError(138006));
            assertDenied(engine.canCall(key), DenialReason.RESET_AFTER_UNANSWERED, null);
            assertThat(timeline.types()).containsExactly(PERMISSION_GRANTED, CALL_STARTED, PERMISSION_RESET);
            assertThat(engine.canInvite(key).allowed()).isTrue();
        }

        @Test
        void code138017MakesThePermissionPermanent() {
            assertThat(engine.tryInvite(key).allowed()).isTrue();
            engine.invitationRefused(key, metaError(138017));
            assertThat(engine.canCall(key).allowed()).isTrue();
            assertDenied(engine.canInvite(key), DenialReason.PERMANENT_PERMISSION, null);
            assertThat(timeline.types()).containsExactly(PERMISSION_REQUESTED, PERMISSION_GRANTED);
            at(T0.plus(Duration.ofDays(400)));
            assertThat(engine.canCall(key).allowed()).isTrue();
        }
    }

    @Nested
    class Reconcile {
        /** The sample of GET call_permissions in Meta's documentation (§4.4). */
        private final CallPermissions metaSample = new CallPermissions(PermissionStatus.TEMPORARY,
                Instant.ofEpochSecond(1745343479),
                List.of(send(true, limit("PT24H", 1, 0, null), limit("P7D", 2, 1, null)),
                        start(false, limit("PT24H", 5, 5, Instant.ofEpochSecond(1745622600)))));

        @Test
        void metasDocumentedSampleGrantsLocallyAndBlocksCallsUntilTheLimitExpires() {
            Instant now = Instant.ofEpochSecond(1745300000);
            at(now);
            engine.reconcile(key, metaSample);

            assertThat(timeline.types()).containsExactly(PERMISSION_GRANTED);
            Instant expires = Instant.ofEpochSecond(1745343479);
            assertDenied(engine.canInvite(key), DenialReason.PERMISSION_ACTIVE, expires);
            Decision.Denied call = denied(engine.canCall(key));
            assertDenied(call, DenialReason.CANDIDATE_DAILY_CALL_LIMIT, Instant.ofEpochSecond(1745622600));
            assertThat(call.status()).isEqualTo("Daily call limit — resets at " + Instant.ofEpochSecond(1745622600));

            at(expires);
            assertDenied(engine.canCall(key), DenialReason.PERMISSION_EXPIRED, null);
            assertThat(timeline.types()).containsExactly(PERMISSION_GRANTED, PERMISSION_EXPIRED);
        }

        @Test
        void metasTemporaryPermissionIsUsableUntilItsExpiration() {
            Instant expires = T0.plus(Duration.ofDays(5));
            engine.reconcile(key, new CallPermissions(PermissionStatus.TEMPORARY, expires,
                    List.of(send(true, limit("PT24H", 1, 0, null)), start(true, limit("PT24H", 100, 0, null)))));
            assertThat(engine.tryStartCall(key).allowed()).isTrue();
            at(expires.minus(SECOND));
            assertThat(engine.canCall(key).allowed()).isTrue();
            at(expires);
            assertDenied(engine.canCall(key), DenialReason.PERMISSION_EXPIRED, null);
        }

        @Test
        void aNewerExpirationFromMetaMovesTheLocalOneWithoutANewGrantEvent() {
            engine.replied(key, acceptTemporary(T0));
            Instant later = T0.plus(Duration.ofDays(9));
            engine.reconcile(key, new CallPermissions(PermissionStatus.TEMPORARY, later, List.of()));
            at(T0.plus(Duration.ofDays(8)));
            assertThat(engine.canCall(key).allowed()).isTrue();
            assertThat(timeline.types()).containsExactly(PERMISSION_GRANTED);
        }

        @Test
        void metasPermanentPermissionIsPermanentLocally() {
            engine.reconcile(key, new CallPermissions(PermissionStatus.PERMANENT, null, List.of()));
            assertThat(timeline.types()).containsExactly(PERMISSION_GRANTED);
            at(T0.plus(Duration.ofDays(400)));
            assertThat(engine.canCall(key).allowed()).isTrue();
            engine.reconcile(key, new CallPermissions(PermissionStatus.PERMANENT, null, List.of()));
            assertThat(timeline.types()).containsExactly(PERMISSION_GRANTED);
        }

        @Test
        void noPermissionAtMetaResetsALocallyValidPermission() {
            engine.replied(key, acceptTemporary(T0));
            clock.advance(Duration.ofHours(2));
            engine.reconcile(key, noPermission());
            assertDenied(engine.canCall(key), DenialReason.RESET_AFTER_UNANSWERED, null);
            assertThat(timeline.types()).containsExactly(PERMISSION_GRANTED, PERMISSION_RESET);
            assertThat(timeline.last().at()).isEqualTo(T0.plus(Duration.ofHours(2)));
        }

        @Test
        void noPermissionAtMetaDoesNotBlockCallsOnceTheCandidateAccepts() {
            // Meta cannot start a call without permission: can_perform_action is false, but no limit is reached.
            engine.reconcile(key, noPermission());
            assertThat(engine.tryInvite(key).allowed()).isTrue();
            clock.advance(Duration.ofHours(1));
            engine.replied(key, acceptTemporary(clock.instant()));
            assertThat(engine.canCall(key).allowed()).as("%s", engine.canCall(key)).isTrue();
        }

        @Test
        void aPermanentPermissionAtMetaDoesNotBlockInvitationsAfterItIsLost() {
            // Meta refuses requests to a user with a permanent permission (138017): no limit is reached.
            engine.reconcile(key, new CallPermissions(PermissionStatus.PERMANENT, null,
                    List.of(send(false, limit("PT24H", 1, 0, null), limit("P7D", 2, 0, null)),
                            start(true, limit("PT24H", 100, 0, null)))));
            clock.advance(Duration.ofHours(1));
            engine.callRefused(key, reserve(), metaError(138006));
            assertThat(engine.canInvite(key).allowed()).as("%s", engine.canInvite(key)).isTrue();
        }

        @Test
        void metasExhaustedCallLimitBlocksUntilItsExpiration() {
            engine.replied(key, acceptPermanent(T0));
            Instant frees = T0.plus(Duration.ofHours(7));
            engine.reconcile(key, new CallPermissions(PermissionStatus.PERMANENT, null,
                    List.of(start(false, limit("PT24H", 100, 100, frees)))));
            at(frees.minus(SECOND));
            assertDenied(engine.canCall(key), DenialReason.CANDIDATE_DAILY_CALL_LIMIT, frees);
            at(frees);
            assertThat(engine.canCall(key).allowed()).isTrue();
        }

        @Test
        void metasExhaustedInviteLimitBlocksUntilItsExpiration() {
            Instant frees = T0.plus(Duration.ofHours(5));
            engine.reconcile(key, new CallPermissions(PermissionStatus.NO_PERMISSION, null,
                    List.of(send(false, limit("PT24H", 1, 1, frees), limit("P7D", 2, 1, null)))));
            at(frees.minus(SECOND));
            Decision.Denied no = denied(engine.canInvite(key));
            assertDenied(no, DenialReason.INVITE_LIMIT_BY_META, frees);
            assertThat(no.status()).endsWith("next at " + frees);
            at(frees);
            assertThat(engine.tryInvite(key).allowed()).isTrue();
        }

        @Test
        void metasExhaustedLimitWithoutAnExpirationBlocksForItsWindow() {
            engine.reconcile(key, new CallPermissions(PermissionStatus.NO_PERMISSION, null,
                    List.of(send(false, limit("PT24H", 1, 0, null), limit("P7D", 2, 2, null)))));
            assertDenied(engine.canInvite(key), DenialReason.INVITE_LIMIT_BY_META, T0.plus(ConsentFixtures.WEEK));
        }

        private CallPermissions noPermission() {
            // As Meta (and the testkit's emulator) answers for a user who has not granted anything.
            return new CallPermissions(PermissionStatus.NO_PERMISSION, null,
                    List.of(send(true, limit("PT24H", 1, 0, null), limit("P7D", 2, 0, null)),
                            start(false, limit("PT24H", 100, 0, null))));
        }
    }

    @Nested
    class WebhookEvents {
        private final EventContext messages = new EventContext(null, LINE, "+44 20 7946 0000", "messages");
        private final EventContext callsField = new EventContext(null, LINE, "+44 20 7946 0000", "calls");
        private final UserIdentity candidate = new UserIdentity(WaId.of(CANDIDATE), null, null, "Ada", null);

        private CallPermissionReply reply(PermissionResponse response, boolean permanent, @Nullable Instant expires,
                ResponseSource source, Instant at) {
            return new CallPermissionReply(messages, MessageId.of("wamid.reply" + at.getEpochSecond()), candidate, at,
                    response, permanent, expires, source, MessageId.of("wamid.request"), null);
        }

        private CallTerminate terminate(String callId, boolean answered, CallDirection direction) {
            Instant now = clock.instant();
            return new CallTerminate(callsField, CallId.of(callId), direction, candidate, "442079460000", now,
                    answered ? TerminateStatus.COMPLETED : TerminateStatus.FAILED,
                    answered ? now.minusSeconds(42) : null, answered ? now : null,
                    answered ? Duration.ofSeconds(42) : null, List.of(), null);
        }

        private void on(WebhookEvent event) {
            engine.onWebhook(event, ORG);
        }

        @Test
        void aParsedTemporaryAcceptGrantsUntilItsExpirationTimestamp() {
            engine.tryInvite(key);
            long at = T0.plus(Duration.ofMinutes(10)).getEpochSecond();
            long expires = T0.plus(Duration.ofDays(7)).plus(Duration.ofMinutes(10)).getEpochSecond();
            String json = """
                    {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
                     "value":{"messaging_product":"whatsapp",
                      "metadata":{"display_phone_number":"15550783881","phone_number_id":"%s"},
                      "contacts":[{"profile":{"name":"Ada"},"wa_id":"%s"}],
                      "messages":[{"from":"%s","id":"wamid.sH0kFlaCGg0xcvZbgmg90lHrg2dL","timestamp":"%d",
                        "context":{"from":"%s","id":"wamid.gBGGFlaCmZ9plHrf2Mh-o"},
                        "type":"interactive",
                        "interactive":{"type":"call_permission_reply","call_permission_reply":{"response":"accept",
                          "is_permanent":false,"expiration_timestamp":"%d","response_source":"user_action"}}}]}}]}]}
                    """.formatted(LINE.value(), CANDIDATE, CANDIDATE, at, CANDIDATE, expires);
            List<WebhookEvent> events = Webhooks.builder().appSecret("x").build()
                    .parseWithoutVerification(json.getBytes(StandardCharsets.UTF_8)).events();
            assertThat(events).hasSize(1);
            at(Instant.ofEpochSecond(at).plusSeconds(3));
            on(events.get(0));

            assertThat(timeline.types()).containsExactly(PERMISSION_REQUESTED, PERMISSION_GRANTED);
            assertThat(timeline.last().at()).isEqualTo(Instant.ofEpochSecond(at));
            assertThat(timeline.last().key()).isEqualTo(key);
            at(Instant.ofEpochSecond(expires).minus(SECOND));
            assertThat(engine.canCall(key).allowed()).isTrue();
            at(Instant.ofEpochSecond(expires));
            assertDenied(engine.canCall(key), DenialReason.PERMISSION_EXPIRED, null);
        }

        @Test
        void aPermanentAcceptNeverExpires() {
            on(reply(PermissionResponse.ACCEPT, true, null, ResponseSource.USER_ACTION, T0));
            at(T0.plus(Duration.ofDays(400)));
            assertThat(engine.canCall(key).allowed()).isTrue();
            assertDenied(engine.canInvite(key), DenialReason.PERMANENT_PERMISSION, null);
        }

        @Test
        void aUserRejectIsADecline() {
            engine.tryInvite(key);
            at(T0.plus(Duration.ofHours(2)));
            on(reply(PermissionResponse.REJECT, false, null, ResponseSource.USER_ACTION, clock.instant()));
            assertDenied(engine.canInvite(key), DenialReason.INVITATION_DECLINED, T0.plus(DAY));
            assertThat(timeline.types()).containsExactly(PERMISSION_REQUESTED, PERMISSION_DECLINED);
        }

        @Test
        void anAutomaticRejectIsAReset() {
            on(reply(PermissionResponse.ACCEPT, true, null, ResponseSource.USER_ACTION, T0));
            at(T0.plus(Duration.ofHours(2)));
            on(reply(PermissionResponse.REJECT, false, null, ResponseSource.AUTOMATIC, clock.instant()));
            assertDenied(engine.canCall(key), DenialReason.RESET_AFTER_UNANSWERED, null);
            assertThat(timeline.types()).containsExactly(PERMISSION_GRANTED, PERMISSION_RESET);
        }

        @Test
        void anAutomaticCallbackAcceptGrantsATemporaryPermission() {
            Instant expires = T0.plus(Duration.ofDays(7));
            on(reply(PermissionResponse.ACCEPT, false, expires, ResponseSource.AUTOMATIC, T0));
            assertThat(engine.canCall(key).allowed()).isTrue();
            at(expires);
            assertDenied(engine.canCall(key), DenialReason.PERMISSION_EXPIRED, null);
        }

        @Test
        void acceptedStatusCountsTheCallAsConnectedAndTerminateCompletesIt() {
            ConsentEngine strict = ConsentEngine.builder().store(new InMemoryConsentStore()).clock(clock)
                    .listener(timeline).policy(ConsentPolicy.defaults().withMaxCallsPerCandidatePerDay(1)).build();
            strict.tryInvite(key);
            strict.onWebhook(reply(PermissionResponse.ACCEPT, false, null, ResponseSource.USER_ACTION, T0), ORG);
            String reservation = ((Decision.Allowed) strict.tryStartCall(key)).reservationId();
            strict.callPlaced(key, reservation, CallId.of("wacid.ABGGFjFVU2AfAgo6V"));
            clock.advance(Duration.ofSeconds(20));
            strict.onWebhook(new CallStatusUpdate(callsField, CallId.of("wacid.ABGGFjFVU2AfAgo6V"), CallStatus.ACCEPTED,
                    "ACCEPTED", candidate, clock.instant(), null), ORG);
            // Connected: it counts for 24 h, far beyond the 10-minute reservation.
            at(T0.plus(Duration.ofHours(23)));
            assertDenied(strict.canCall(key), DenialReason.CANDIDATE_DAILY_CALL_LIMIT, T0.plus(DAY));
            strict.onWebhook(terminate("wacid.ABGGFjFVU2AfAgo6V", true, CallDirection.BUSINESS_INITIATED), ORG);
            assertThat(timeline.types()).containsExactly(PERMISSION_REQUESTED, PERMISSION_GRANTED, CALL_STARTED,
                    CALL_COMPLETED);
            assertThat(timeline.last().callId()).isEqualTo("wacid.ABGGFjFVU2AfAgo6V");
            assertThat(timeline.last().description()).isEqualTo("Call completed (42 s)");
        }

        @Test
        void unansweredTerminatesCountTowardsTheReset() {
            on(reply(PermissionResponse.ACCEPT, true, null, ResponseSource.USER_ACTION, T0));
            for (int i = 1; i <= 4; i++) {
                clock.advance(Duration.ofHours(1));
                String reservation = reserve();
                engine.callPlaced(key, reservation, CallId.of("wacid.c" + i));
                on(terminate("wacid.c" + i, false, CallDirection.BUSINESS_INITIATED));
            }
            assertDenied(engine.canCall(key), DenialReason.RESET_AFTER_UNANSWERED, null);
            assertThat(timeline.types()).containsExactly(PERMISSION_GRANTED,
                    CALL_STARTED, CALL_UNANSWERED, CALL_STARTED, CALL_UNANSWERED,
                    CALL_STARTED, CALL_UNANSWERED, CALL_STARTED, CALL_UNANSWERED, PERMISSION_RESET);
        }

        @Test
        void anAnsweredCandidateCallClearsTheInvitationCounters() {
            engine.tryInvite(key);
            engine.invitationFailed(key);
            assertThat(denied(engine.canInvite(key)).reason()).isEqualTo(DenialReason.DAILY_INVITE_LIMIT);
            clock.advance(Duration.ofHours(1));
            on(terminate("wacid.fromCandidate", true, CallDirection.USER_INITIATED));
            assertThat(engine.canInvite(key).allowed()).isTrue();
            assertThat(timeline.types()).containsExactly(PERMISSION_REQUESTED, CALL_COMPLETED);
        }

        @Test
        void eventsWithoutABusinessLineAreIgnored() {
            on(new CallPermissionReply(new EventContext(null, null, null, "messages"), MessageId.of("wamid.x"), candidate,
                    T0, PermissionResponse.ACCEPT, true, null, ResponseSource.USER_ACTION, null, null));
            assertThat(timeline.events()).isEmpty();
            assertThat(denied(engine.canCall(key)).reason()).isEqualTo(DenialReason.NO_PERMISSION);
        }
    }
}
