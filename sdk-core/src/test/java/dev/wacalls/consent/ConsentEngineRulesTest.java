package dev.wacalls.consent;

import static dev.wacalls.consent.ConsentFixtures.DAY;
import static dev.wacalls.consent.ConsentFixtures.SECOND;
import static dev.wacalls.consent.ConsentFixtures.T0;
import static dev.wacalls.consent.ConsentFixtures.WEEK;
import static dev.wacalls.consent.ConsentFixtures.acceptPermanent;
import static dev.wacalls.consent.ConsentFixtures.acceptTemporary;
import static dev.wacalls.consent.ConsentFixtures.acceptTemporaryUntil;
import static dev.wacalls.consent.ConsentFixtures.automaticReject;
import static dev.wacalls.consent.ConsentFixtures.key;
import static dev.wacalls.consent.ConsentFixtures.reject;
import static dev.wacalls.consent.TimelineEventType.CALL_COMPLETED;
import static dev.wacalls.consent.TimelineEventType.CALL_STARTED;
import static dev.wacalls.consent.TimelineEventType.CALL_UNANSWERED;
import static dev.wacalls.consent.TimelineEventType.PERMISSION_DECLINED;
import static dev.wacalls.consent.TimelineEventType.PERMISSION_EXPIRED;
import static dev.wacalls.consent.TimelineEventType.PERMISSION_GRANTED;
import static dev.wacalls.consent.TimelineEventType.PERMISSION_REQUESTED;
import static dev.wacalls.consent.TimelineEventType.PERMISSION_RESET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wacalls.id.CallId;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every local rule at its boundaries: a window ending at T no longer applies at T, and changesAt is that T. */
class ConsentEngineRulesTest {
    private final MutableClock clock = new MutableClock(T0);
    private final RecordingTimeline timeline = new RecordingTimeline();
    private final ConsentKey key = key("acme", "447700900123");
    private ConsentEngine engine = engine(ConsentPolicy.defaults());
    private int calls;

    private ConsentEngine engine(ConsentPolicy policy) {
        return ConsentEngine.builder().store(new InMemoryConsentStore()).policy(policy).clock(clock)
                .listener(timeline).build();
    }

    private void at(Instant t) {
        clock.set(t);
    }

    static Decision.Denied denied(Decision d) {
        assertThat(d).isInstanceOf(Decision.Denied.class);
        return (Decision.Denied) d;
    }

    static void assertDenied(Decision d, DenialReason reason, @Nullable Instant changesAt) {
        Decision.Denied no = denied(d);
        assertThat(no.reason()).as("reason of %s", no).isEqualTo(reason);
        assertThat(no.changesAt()).as("changesAt of %s", no).isEqualTo(changesAt);
    }

    private void grantPermanently(ConsentKey k) {
        engine.replied(k, acceptPermanent(clock.instant()));
    }

    /** A business call that rings and is answered: reserved, placed, connected, completed. */
    private String connectedCall(ConsentKey k) {
        Decision d = engine.tryStartCall(k);
        assertThat(d.allowed()).as("call %s allowed: %s", calls, d).isTrue();
        String callId = "wacid.call" + (++calls);
        engine.callPlaced(k, ((Decision.Allowed) d).reservationId(), CallId.of(callId));
        engine.callConnected(k, callId, true);
        engine.callEnded(k, callId, true, true, Duration.ofSeconds(30));
        return callId;
    }

    /** A business call that rings out. */
    private void unansweredCall(ConsentKey k) {
        Decision d = engine.tryStartCall(k);
        assertThat(d.allowed()).as("call allowed: %s", d).isTrue();
        String callId = "wacid.call" + (++calls);
        engine.callPlaced(k, ((Decision.Allowed) d).reservationId(), CallId.of(callId));
        engine.callEnded(k, callId, false, true, null);
    }

    @Nested
    class Invitations {
        @Test
        void anInvitationWaitsForAReplyFor24HoursThenExpires() {
            assertThat(engine.tryInvite(key).allowed()).isTrue();
            assertThat(timeline.types()).containsExactly(PERMISSION_REQUESTED);
            assertThat(timeline.last().at()).isEqualTo(T0);

            at(T0.plus(DAY).minus(SECOND));
            Decision.Denied invite = denied(engine.canInvite(key));
            assertDenied(invite, DenialReason.WAITING_FOR_REPLY, T0.plus(DAY));
            assertThat(invite.status()).isEqualTo("Waiting for reply");
            assertDenied(engine.canCall(key), DenialReason.WAITING_FOR_REPLY, T0.plus(DAY));
            assertThat(engine.tryInvite(key).allowed()).isFalse();

            at(T0.plus(DAY));
            Decision.Denied call = denied(engine.canCall(key));
            assertDenied(call, DenialReason.INVITATION_EXPIRED, null);
            assertThat(call.status()).startsWith("Invitation expired");
            assertThat(engine.canInvite(key).allowed()).isTrue();
            assertThat(engine.tryInvite(key).allowed()).isTrue();
            assertThat(timeline.types()).containsExactly(PERMISSION_REQUESTED, PERMISSION_REQUESTED);
        }

        @Test
        void afterADeclineANewInvitationIsPossible24HoursAfterTheDeclinedOne() {
            engine.tryInvite(key);
            at(T0.plus(Duration.ofHours(3)));
            engine.replied(key, reject(clock.instant()));
            Instant again = T0.plus(DAY);

            at(again.minus(SECOND));
            Decision.Denied invite = denied(engine.canInvite(key));
            assertDenied(invite, DenialReason.INVITATION_DECLINED, again);
            assertThat(invite.status()).isEqualTo("Invitation declined — can invite again at " + again);
            assertThat(denied(engine.canCall(key)).reason()).isEqualTo(DenialReason.INVITATION_DECLINED);

            at(again);
            assertThat(engine.canInvite(key).allowed()).isTrue();
            assertThat(timeline.types()).containsExactly(PERMISSION_REQUESTED, PERMISSION_DECLINED);
            assertThat(timeline.events().get(1).at()).isEqualTo(T0.plus(Duration.ofHours(3)));
        }

        @Test
        void anUndeliveredInvitationStillCountsAgainstTheDailyLimit() {
            engine.tryInvite(key);
            at(T0.plus(Duration.ofHours(1)));
            engine.invitationFailed(key);

            Decision.Denied no = denied(engine.canInvite(key));
            assertDenied(no, DenialReason.DAILY_INVITE_LIMIT, T0.plus(DAY));
            assertThat(no.status()).isEqualTo("Daily invite limit — next at " + T0.plus(DAY));
            assertThat(denied(engine.canCall(key)).reason()).isEqualTo(DenialReason.NO_PERMISSION);

            at(T0.plus(DAY).minus(SECOND));
            assertThat(denied(engine.canInvite(key)).reason()).isEqualTo(DenialReason.DAILY_INVITE_LIMIT);
            at(T0.plus(DAY));
            assertThat(engine.canInvite(key).allowed()).isTrue();
        }

        @Test
        void twoInvitationsInSevenDaysThenTheWindowFreesExactlySevenDaysAfterTheOlder() {
            assertThat(engine.tryInvite(key).allowed()).isTrue();                 // T0, expires unanswered
            at(T0.plus(DAY));
            assertThat(engine.tryInvite(key).allowed()).isTrue();                 // T0+1d
            at(T0.plus(DAY).plus(Duration.ofHours(1)));
            engine.invitationFailed(key);

            // Both windows are full: the daily one answers first, then the weekly one.
            Decision.Denied daily = denied(engine.canInvite(key));
            assertDenied(daily, DenialReason.DAILY_INVITE_LIMIT, T0.plus(DAY.multipliedBy(2)));
            assertThat(daily.status()).isEqualTo("Daily invite limit — next at " + T0.plus(DAY.multipliedBy(2)));

            at(T0.plus(DAY.multipliedBy(2)));
            Decision.Denied weekly = denied(engine.canInvite(key));
            assertDenied(weekly, DenialReason.WEEKLY_INVITE_LIMIT, T0.plus(WEEK));
            assertThat(weekly.status()).isEqualTo("Weekly invite limit — next at " + T0.plus(WEEK));
            assertThat(engine.tryInvite(key).allowed()).isFalse();

            at(T0.plus(WEEK).minus(SECOND));
            assertDenied(engine.tryInvite(key), DenialReason.WEEKLY_INVITE_LIMIT, T0.plus(WEEK));

            at(T0.plus(WEEK));
            assertThat(engine.tryInvite(key).allowed()).isTrue();
            engine.invitationFailed(key);
            // Now the second invitation (T0+1d) is the older one of the week: it leaves when the third one's day ends.
            at(T0.plus(WEEK).plus(DAY).minus(SECOND));
            assertDenied(engine.canInvite(key), DenialReason.DAILY_INVITE_LIMIT, T0.plus(DAY).plus(WEEK));
            at(T0.plus(DAY).plus(WEEK));
            assertThat(engine.canInvite(key).allowed()).isTrue();
            assertThat(timeline.count(PERMISSION_REQUESTED)).isEqualTo(3);
        }

        @Test
        void aConnectedCallClearsTheInvitationCountersTheSameDay() {
            engine.tryInvite(key);
            at(T0.plus(DAY));
            engine.tryInvite(key);
            at(T0.plus(DAY.multipliedBy(2)));
            assertThat(denied(engine.canInvite(key)).reason()).isEqualTo(DenialReason.WEEKLY_INVITE_LIMIT);

            at(T0.plus(DAY.multipliedBy(2)).plus(Duration.ofHours(2)));
            engine.callConnected(key, "wacid.fromCandidate", false);   // the candidate called the business

            assertThat(engine.canInvite(key).allowed()).isTrue();
            assertThat(engine.tryInvite(key).allowed()).isTrue();
            assertThat(timeline.last().type()).isEqualTo(PERMISSION_REQUESTED);
            assertThat(timeline.events().get(2).description()).isEqualTo("Candidate called");
        }

        @Test
        void anAnsweredBusinessCallAlsoClearsTheInvitationCounters() {
            engine.tryInvite(key);
            at(T0.plus(Duration.ofHours(1)));
            engine.replied(key, acceptTemporary(clock.instant()));
            at(T0.plus(Duration.ofHours(2)));
            connectedCall(key);
            engine.callRefused(key, ((Decision.Allowed) engine.tryStartCall(key)).reservationId(),
                    ConsentFixtures.metaError(138006));   // WhatsApp withdrew the permission

            // Without the connected call the daily limit would hold until T0+24h.
            assertThat(engine.canInvite(key).allowed()).isTrue();
        }
    }

    @Nested
    class Permissions {
        @Test
        void aTemporaryPermissionEndsSevenDaysAfterApprovalAndItsExpiryIsReportedOnce() {
            engine.tryInvite(key);
            Instant approved = T0.plus(Duration.ofHours(1));
            at(approved);
            engine.replied(key, acceptTemporary(approved));
            Instant expires = approved.plus(WEEK);
            assertThat(timeline.types()).containsExactly(PERMISSION_REQUESTED, PERMISSION_GRANTED);
            assertThat(timeline.last().description()).isEqualTo("Call permission granted until " + expires);

            at(expires.minus(SECOND));
            assertThat(engine.canCall(key).allowed()).isTrue();
            Decision.Denied active = denied(engine.canInvite(key));
            assertDenied(active, DenialReason.PERMISSION_ACTIVE, expires);

            at(expires);
            for (int i = 0; i < 5; i++) {
                Decision.Denied no = denied(engine.canCall(key));
                assertDenied(no, DenialReason.PERMISSION_EXPIRED, null);
                assertThat(no.status()).startsWith("Call permission expired");
                assertThat(engine.canInvite(key).allowed()).isTrue();
                engine.status(key);
            }
            assertThat(timeline.types()).containsExactly(PERMISSION_REQUESTED, PERMISSION_GRANTED, PERMISSION_EXPIRED);
            assertThat(timeline.last().at()).isEqualTo(expires);

            at(expires.plus(DAY.multipliedBy(3)));
            engine.canCall(key);
            assertThat(timeline.count(PERMISSION_EXPIRED)).isEqualTo(1);
        }

        @Test
        void aTemporaryPermissionEndsAtTheExpirationWhatsAppSent() {
            Instant expires = T0.plus(Duration.ofDays(3)).plusSeconds(17);
            engine.replied(key, acceptTemporaryUntil(T0, expires));
            at(expires.minus(SECOND));
            assertThat(engine.canCall(key).allowed()).isTrue();
            at(expires);
            assertDenied(engine.canCall(key), DenialReason.PERMISSION_EXPIRED, null);
        }

        @Test
        void aPermanentPermissionNeverExpires() {
            engine.tryInvite(key);
            engine.replied(key, acceptPermanent(T0));
            assertThat(timeline.last().description()).isEqualTo("Call permission granted permanently");
            at(T0.plus(Duration.ofDays(400)));
            assertThat(engine.canCall(key).allowed()).isTrue();
            assertDenied(engine.canInvite(key), DenialReason.PERMANENT_PERMISSION, null);
            assertThat(engine.tryStartCall(key).allowed()).isTrue();
            assertThat(timeline.count(PERMISSION_EXPIRED)).isZero();
        }

        @Test
        void tryStartCallNoticesAndReportsAnExpiredPermissionOnce() {
            engine.replied(key, acceptTemporary(T0));
            at(T0.plus(WEEK));
            assertDenied(engine.tryStartCall(key), DenialReason.PERMISSION_EXPIRED, null);
            assertDenied(engine.tryStartCall(key), DenialReason.PERMISSION_EXPIRED, null);
            assertThat(timeline.types()).containsExactly(PERMISSION_GRANTED, PERMISSION_EXPIRED);
            engine.canCall(key);
            assertThat(timeline.types()).containsExactly(PERMISSION_GRANTED, PERMISSION_EXPIRED);
            assertThat(timeline.last().at()).isEqualTo(T0.plus(WEEK));
        }

        @Test
        void tryInviteAfterAnExpiredPermissionReportsTheExpiryBeforeTheNewRequest() {
            engine.replied(key, acceptTemporary(T0));
            at(T0.plus(WEEK).plus(Duration.ofHours(5)));
            assertThat(engine.tryInvite(key).allowed()).isTrue();
            engine.canCall(key);
            assertThat(timeline.types()).containsExactly(PERMISSION_GRANTED, PERMISSION_EXPIRED, PERMISSION_REQUESTED);
        }
    }

    @Nested
    class UnansweredCalls {
        @Test
        void threeUnansweredCallsKeepThePermissionTheFourthResetsIt() {
            grantPermanently(key);
            for (int i = 0; i < 3; i++) {
                clock.advance(Duration.ofMinutes(30));
                unansweredCall(key);
            }
            assertThat(engine.canCall(key).allowed()).isTrue();
            assertThat(timeline.count(PERMISSION_RESET)).isZero();

            clock.advance(Duration.ofMinutes(30));
            unansweredCall(key);
            Decision.Denied no = denied(engine.canCall(key));
            assertDenied(no, DenialReason.RESET_AFTER_UNANSWERED, null);
            assertThat(no.status()).startsWith("Invitation reset after unanswered calls");
            assertThat(timeline.types()).endsWith(CALL_STARTED, CALL_UNANSWERED, PERMISSION_RESET);
            assertThat(timeline.last().at()).isEqualTo(clock.instant());
            assertThat(timeline.count(CALL_UNANSWERED)).isEqualTo(4);
            assertThat(engine.canInvite(key).allowed()).isTrue();
        }

        @Test
        void aConnectedCallInBetweenStartsTheCountAgain() {
            grantPermanently(key);
            for (int i = 0; i < 3; i++) {
                unansweredCall(key);
            }
            connectedCall(key);
            for (int i = 0; i < 3; i++) {
                unansweredCall(key);
            }
            assertThat(engine.canCall(key).allowed()).isTrue();
            unansweredCall(key);
            assertThat(denied(engine.canCall(key)).reason()).isEqualTo(DenialReason.RESET_AFTER_UNANSWERED);
            assertThat(timeline.count(PERMISSION_RESET)).isEqualTo(1);
        }

        @Test
        void unansweredCandidateCallsDoNotCount() {
            grantPermanently(key);
            for (int i = 0; i < 6; i++) {
                engine.callEnded(key, "wacid.user" + i, false, false, null);
            }
            assertThat(engine.canCall(key).allowed()).isTrue();
        }

        @Test
        void whatsAppsOwnRevocationAfterTheFourthCallIsOneResetNotTwo() {
            grantPermanently(key);
            for (int i = 0; i < 4; i++) {
                unansweredCall(key);
            }
            // WhatsApp also revokes, and says so with a reject/automatic reply.
            engine.replied(key, automaticReject(clock.instant()));
            assertThat(timeline.count(PERMISSION_RESET)).isEqualTo(1);
            assertThat(denied(engine.canCall(key)).reason()).isEqualTo(DenialReason.RESET_AFTER_UNANSWERED);
        }
    }

    @Nested
    class CallLimits {
        @Test
        void aHundredConnectedCallsADayPerCandidate() {
            grantPermanently(key);
            Instant first = clock.instant();
            for (int i = 0; i < 100; i++) {
                connectedCall(key);
                clock.advance(Duration.ofMinutes(5));
            }
            Decision.Denied no = denied(engine.tryStartCall(key));
            assertDenied(no, DenialReason.CANDIDATE_DAILY_CALL_LIMIT, first.plus(DAY));
            assertThat(no.status()).isEqualTo("Daily call limit — resets at " + first.plus(DAY));
            assertDenied(engine.canCall(key), DenialReason.CANDIDATE_DAILY_CALL_LIMIT, first.plus(DAY));
            assertThat(timeline.count(CALL_COMPLETED)).isEqualTo(100);

            at(first.plus(DAY).minus(SECOND));
            assertThat(engine.canCall(key).allowed()).isFalse();
            at(first.plus(DAY));
            assertThat(engine.tryStartCall(key).allowed()).isTrue();
            // The second call now is the oldest, placed five minutes after the first.
            assertDenied(engine.canCall(key), DenialReason.CANDIDATE_DAILY_CALL_LIMIT,
                    first.plus(Duration.ofMinutes(5)).plus(DAY));
        }

        @Test
        void aReservationThatNeverResolvesStopsCountingAfterTheReservationTime() {
            engine = engine(ConsentPolicy.defaults().withMaxCallsPerCandidatePerDay(1));
            grantPermanently(key);
            Decision first = engine.tryStartCall(key);
            assertThat(first.allowed()).isTrue();
            assertThat(((Decision.Allowed) first).reservation()).isPresent();

            Instant lapses = T0.plus(engine.policy().callReservation());
            at(lapses.minus(SECOND));
            assertDenied(engine.tryStartCall(key), DenialReason.CANDIDATE_DAILY_CALL_LIMIT, lapses);
            at(lapses);
            assertThat(engine.tryStartCall(key).allowed()).isTrue();
        }

        @Test
        void anUnansweredCallReleasesItsReservationAtOnce() {
            engine = engine(ConsentPolicy.defaults().withMaxCallsPerCandidatePerDay(1));
            grantPermanently(key);
            unansweredCall(key);
            assertThat(engine.tryStartCall(key).allowed()).isTrue();
        }

        @Test
        void theOrganisationLimitSpansItsCandidatesAndNoOtherOrganisation() {
            engine = engine(ConsentPolicy.defaults().withMaxCallsPerOrganizationPerDay(3));
            ConsentKey a = key("acme", "447700900001");
            ConsentKey b = key("acme", "447700900002");
            ConsentKey other = key("globex", "447700900003");
            for (ConsentKey k : new ConsentKey[] {a, b, other}) {
                grantPermanently(k);
            }
            Instant first = clock.instant();
            connectedCall(a);
            clock.advance(Duration.ofMinutes(1));
            connectedCall(a);
            clock.advance(Duration.ofMinutes(1));
            connectedCall(b);
            clock.advance(Duration.ofMinutes(1));

            Decision.Denied no = denied(engine.tryStartCall(b));
            assertDenied(no, DenialReason.ORGANIZATION_DAILY_CALL_LIMIT, first.plus(DAY));
            assertThat(no.status()).contains("resets at " + first.plus(DAY));
            assertThat(denied(engine.canCall(a)).reason()).isEqualTo(DenialReason.ORGANIZATION_DAILY_CALL_LIMIT);
            assertThat(engine.tryStartCall(other).allowed()).isTrue();

            at(first.plus(DAY).minus(SECOND));
            assertThat(engine.tryStartCall(b).allowed()).isFalse();
            at(first.plus(DAY));
            assertThat(engine.tryStartCall(b).allowed()).isTrue();
        }

        @Test
        void theOrganisationLimitFreesWhenItsOldestReservationLapses() {
            engine = engine(ConsentPolicy.defaults().withMaxCallsPerOrganizationPerDay(3));
            ConsentKey a = key("acme", "447700900001");
            ConsentKey b = key("acme", "447700900002");
            grantPermanently(a);
            grantPermanently(b);
            assertThat(engine.tryStartCall(a).allowed()).isTrue();   // placed, never resolved
            clock.advance(Duration.ofMinutes(1));
            connectedCall(b);
            connectedCall(b);
            clock.advance(Duration.ofMinutes(1));

            Instant lapses = T0.plus(engine.policy().callReservation());
            assertDenied(engine.tryStartCall(b), DenialReason.ORGANIZATION_DAILY_CALL_LIMIT, lapses);
            at(lapses);
            assertThat(engine.tryStartCall(b).allowed()).isTrue();
        }
    }
}
