package dev.wacalls.consent;

import static dev.wacalls.consent.ConsentFixtures.T0;
import static dev.wacalls.consent.ConsentFixtures.key;
import static dev.wacalls.consent.ConsentFixtures.metaError;
import static dev.wacalls.consent.ConsentFixtures.rateLimited;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wacalls.graph.ActionLimit;
import dev.wacalls.graph.CallPermissions;
import dev.wacalls.graph.PermissionAction;
import dev.wacalls.graph.PermissionStatus;
import dev.wacalls.id.CallId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.jspecify.annotations.Nullable;

/**
 * Random histories of invitations, replies, calls, Meta's refusals and Meta's answers, checked against a model of
 * the rules written independently of {@link ConsentRules}: the invitation windows (cleared by a connected call), no
 * call without a valid permission, the call limits at every instant, and well-formed decisions.
 */
class ConsentEnginePropertiesTest {
    private static final ConsentPolicy POLICY =
            ConsentPolicy.defaults().withMaxCallsPerCandidatePerDay(3).withMaxCallsPerOrganizationPerDay(4);
    private static final int CANDIDATE_MAX = 3;
    private static final int ORGANIZATION_MAX = 4;
    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration TEMPORARY = Duration.ofDays(7);
    private static final Duration RESERVATION = Duration.ofMinutes(10);
    private static final int UNANSWERED_RESET = 4;

    private static final Set<DenialReason> PERMISSION_REASONS = EnumSet.of(DenialReason.NO_PERMISSION,
            DenialReason.WAITING_FOR_REPLY, DenialReason.INVITATION_EXPIRED, DenialReason.INVITATION_DECLINED,
            DenialReason.PERMISSION_EXPIRED, DenialReason.RESET_AFTER_UNANSWERED);
    private static final Set<DenialReason> LIMIT_REASONS =
            EnumSet.of(DenialReason.CANDIDATE_DAILY_CALL_LIMIT, DenialReason.ORGANIZATION_DAILY_CALL_LIMIT);

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void theRulesHoldOverAnyHistory(@ForAll("histories") List<Action> history) {
        Simulation sim = new Simulation();
        for (Action action : history) {
            sim.step++;
            sim.apply(action);
            sim.checkCallCounts();
        }
        sim.checkTimeline();
        // The histories must reach the rules, not just wander: these fail the property when the generators drift.
        Statistics.label("candidate call limit reached").collect(sim.candidateLimitHits > 0)
                .coverage(c -> c.check(true).percentage(p -> p >= 10));
        Statistics.label("organisation call limit reached").collect(sim.organizationLimitHits > 0)
                .coverage(c -> c.check(true).percentage(p -> p >= 0.5));
        Statistics.label("invitation tried with two in the week").collect(sim.weeklyPressure > 0)
                .coverage(c -> c.check(true).percentage(p -> p >= 2));
        Statistics.label("reset after unanswered calls").collect(sim.timeline.events().stream()
                .anyMatch(e -> e.description().startsWith("Invitation reset after")))
                .coverage(c -> c.check(true).percentage(p -> p >= 2));
        Statistics.label("expiry reported").collect(sim.timeline.count(TimelineEventType.PERMISSION_EXPIRED) > 0)
                .coverage(c -> c.check(true).percentage(p -> p >= 10));
    }

    // ---- the actions ---------------------------------------------------------------------------------------

    sealed interface Action {}

    record Advance(Duration by) implements Action {}

    /** tryInvite; when allowed, what happened to the request: 0 sent, 1 undelivered, 2 138009, 3 138017. */
    record Invite(int who, int outcome, @Nullable Duration nextAllowedIn) implements Action {}

    enum ReplyKind { ACCEPT_TEMPORARY, ACCEPT_TEMPORARY_UNTIL, ACCEPT_PERMANENT, REJECT, AUTOMATIC_REJECT,
        AUTOMATIC_CALLBACK_ACCEPT }

    record Reply(int who, ReplyKind kind, Duration expiresIn) implements Action {}

    record StartCall(int who) implements Action {}

    /**
     * tryStartCall and, when allowed, its outcome at once: 0 answered, 1 not answered, 2 refused with 138006,
     * 3 refused with 138012, 4 placed and never heard of again; {@code times} such calls in a row.
     */
    record WholeCall(int who, int outcome, @Nullable Duration nextAllowedIn, int times) implements Action {}

    record Place(int pick) implements Action {}

    record Connect(int pick) implements Action {}

    record End(int pick, boolean answered) implements Action {}

    record Refuse(int pick, int code, @Nullable Duration nextAllowedIn) implements Action {}

    record CandidateCalls(int who, boolean answered) implements Action {}

    record LimitSpec(boolean week, int max, int usage, @Nullable Duration expiresIn) {}

    record ActionSpec(boolean can, List<LimitSpec> limits) {}

    record MetaSpec(PermissionStatus status, @Nullable Duration expiresIn, @Nullable ActionSpec send,
            @Nullable ActionSpec start) {
        CallPermissions at(Instant now) {
            List<PermissionAction> actions = new ArrayList<>();
            if (send != null) {
                actions.add(action(PermissionAction.SEND_CALL_PERMISSION_REQUEST, send, now));
            }
            if (start != null) {
                actions.add(action(PermissionAction.START_CALL, start, now));
            }
            return new CallPermissions(status, expiresIn == null ? null : now.plus(expiresIn), actions);
        }

        private static PermissionAction action(String name, ActionSpec spec, Instant now) {
            List<ActionLimit> limits = spec.limits().stream().map(l -> new ActionLimit(l.week() ? "P7D" : "PT24H",
                    l.week() ? WEEK : DAY, l.max(), l.usage(), l.expiresIn() == null ? null : now.plus(l.expiresIn())))
                    .toList();
            return new PermissionAction(name, spec.can(), limits);
        }
    }

    record Reconcile(int who, MetaSpec meta) implements Action {}

    record Peek(int who) implements Action {}

    /**
     * Histories of three tempos — a busy day (seconds and minutes: call limits), a mixed week, slow weeks (hours
     * and days: invitation windows and expiries) — and of a candidate who answers rarely, sometimes or mostly.
     */
    @Provide
    Arbitrary<List<Action>> histories() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2))
                .flatAs((tempo, answering) -> actions(tempo, answering).list().ofMinSize(1).ofMaxSize(80)
                        .withSizeDistribution(RandomDistribution.uniform()));
    }

    private Arbitrary<Action> actions(int tempo, int answering) {
        // Mostly the first candidate, so that its windows fill up; the second shares the organisation's limit.
        Arbitrary<Integer> who = Arbitraries.frequency(Tuple.of(4, 0), Tuple.of(1, 1));
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 5);
        int[][] advanceWeights = {{5, 5, 1, 1, 1}, {4, 4, 2, 1, 2}, {1, 1, 4, 2, 3}};
        int[] w = advanceWeights[tempo];
        Arbitrary<Duration> advance = Arbitraries.frequencyOf(
                Tuple.of(w[0], Arbitraries.longs().between(1, 59).map(Duration::ofSeconds)),
                Tuple.of(w[1], Arbitraries.longs().between(1, 59).map(Duration::ofMinutes)),
                Tuple.of(w[2], Arbitraries.longs().between(1, 23).map(Duration::ofHours)),
                Tuple.of(w[3], Arbitraries.longs().between(1, 8).map(Duration::ofDays)),
                Tuple.of(w[4], Arbitraries.of(Duration.ofSeconds(1), RESERVATION, DAY, DAY, WEEK)));
        Arbitrary<Duration> later = Arbitraries.longs().between(1, 8 * 86_400L).map(Duration::ofSeconds);
        Arbitrary<ReplyKind> replyKind = Arbitraries.frequency(Tuple.of(3, ReplyKind.ACCEPT_TEMPORARY),
                Tuple.of(1, ReplyKind.ACCEPT_TEMPORARY_UNTIL), Tuple.of(2, ReplyKind.ACCEPT_PERMANENT),
                Tuple.of(1, ReplyKind.REJECT), Tuple.of(1, ReplyKind.AUTOMATIC_REJECT),
                Tuple.of(1, ReplyKind.AUTOMATIC_CALLBACK_ACCEPT));
        Arbitrary<Integer> inviteOutcome = Arbitraries.frequency(Tuple.of(6, 0), Tuple.of(2, 1), Tuple.of(1, 2),
                Tuple.of(1, 3));
        int answered = new int[] {1, 4, 8}[answering];
        Arbitrary<Integer> callOutcome = Arbitraries.frequency(Tuple.of(answered, 0), Tuple.of(9 - answered, 1),
                Tuple.of(1, 2), Tuple.of(1, 3), Tuple.of(1, 4));
        Arbitrary<Boolean> answers = Arbitraries.frequency(Tuple.of(answered, true), Tuple.of(9 - answered, false));

        Arbitrary<LimitSpec> limit = Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 3), later.injectNull(0.5)).as(LimitSpec::new);
        Arbitrary<ActionSpec> actionSpec = Combinators.combine(Arbitraries.of(true, false),
                limit.list().ofMaxSize(2)).as(ActionSpec::new);
        Arbitrary<MetaSpec> meta = Combinators.combine(Arbitraries.of(PermissionStatus.class),
                Arbitraries.longs().between(-2 * 86_400L, 10 * 86_400L).map(Duration::ofSeconds).injectNull(0.2),
                actionSpec.injectNull(0.3), actionSpec.injectNull(0.3)).as(MetaSpec::new);

        return Arbitraries.<Action>frequencyOf(
                Tuple.of(6, advance.map(Advance::new)),
                Tuple.of(tempo == 2 ? 6 : 4, Combinators.combine(who, inviteOutcome, later.injectNull(0.3))
                        .as(Invite::new)),
                Tuple.of(tempo == 2 ? 1 : 4, Combinators.combine(who, replyKind, later).as(Reply::new)),
                Tuple.of(3, who.map(StartCall::new)),
                Tuple.of(tempo == 2 ? 3 : 6, Combinators.combine(who, callOutcome, later.injectNull(0.3),
                        Arbitraries.frequency(Tuple.of(4, 1), Tuple.of(1, 2), Tuple.of(2, 4))).as(WholeCall::new)),
                Tuple.of(3, pick.map(Place::new)),
                Tuple.of(2, pick.map(Connect::new)),
                Tuple.of(3, Combinators.combine(pick, answers).as(End::new)),
                Tuple.of(1, Combinators.combine(pick, Arbitraries.of(138006, 138012), later.injectNull(0.3))
                        .as(Refuse::new)),
                Tuple.of(1, Combinators.combine(who, answers).as(CandidateCalls::new)),
                Tuple.of(1, Combinators.combine(who, meta).as(Reconcile::new)),
                Tuple.of(2, who.map(Peek::new)));
    }

    // ---- the model -----------------------------------------------------------------------------------------

    enum Grant { NONE, TEMPORARY, PERMANENT }

    /** What the rules say about one candidate, kept by hand from the actions. */
    static final class Candidate {
        /** Invitations actually sent since the last connected call. */
        final List<Instant> invitations = new ArrayList<>();
        /** NONE once the permission is gone; an expired temporary grant stays TEMPORARY until something replaces it. */
        Grant grant = Grant.NONE;
        @Nullable Instant expires;
        int unanswered;

        boolean valid(Instant now) {
            return grant == Grant.PERMANENT || (grant == Grant.TEMPORARY && now.isBefore(expires));
        }

        void grant(Grant g, @Nullable Instant until) {
            grant = g;
            expires = until;
        }

        void connected() {
            invitations.clear();
            unanswered = 0;
        }
    }

    /** A call the engine allowed, and what became of it. */
    static final class Reservation {
        final int who;
        final String reservationId;
        final Instant at;
        @Nullable String callId;
        boolean connected;
        boolean released;
        boolean ended;

        Reservation(int who, String reservationId, Instant at) {
            this.who = who;
            this.reservationId = reservationId;
            this.at = at;
        }

        /** Connected calls count for a day from placement; unresolved ones for the reservation time. */
        boolean counts(Instant now) {
            return connected ? now.isBefore(at.plus(DAY)) : !released && now.isBefore(at.plus(RESERVATION));
        }
    }

    static final class Simulation {
        final MutableClock clock = new MutableClock(T0);
        final RecordingTimeline timeline = new RecordingTimeline();
        final ConsentEngine engine = ConsentEngine.builder().store(new InMemoryConsentStore()).policy(POLICY)
                .clock(clock).listener(timeline).build();
        final List<ConsentKey> keys = List.of(key("acme", "447700900001"), key("acme", "447700900002"));
        final Candidate[] model = {new Candidate(), new Candidate()};
        final List<Reservation> reservations = new ArrayList<>();
        int step;
        int ids;
        int candidateLimitHits;
        int organizationLimitHits;
        int weeklyPressure;

        Instant now() {
            return clock.instant();
        }

        String where() {
            return "step " + step + " at " + now();
        }

        void apply(Action action) {
            if (action instanceof Advance a) {
                clock.advance(a.by());
            } else if (action instanceof Invite a) {
                invite(a);
            } else if (action instanceof Reply a) {
                reply(a);
            } else if (action instanceof StartCall a) {
                startCall(a.who());
            } else if (action instanceof WholeCall a) {
                wholeCall(a);
            } else if (action instanceof Place a) {
                pick(a.pick(), r -> r.callId == null && !r.released).ifPresent(r -> {
                    r.callId = "wacid.c" + (++ids);
                    engine.callPlaced(keys.get(r.who), r.reservationId, CallId.of(r.callId));
                });
            } else if (action instanceof Connect a) {
                // The outcome of a call arrives within a minute, well inside its reservation.
                pick(a.pick(), r -> r.callId != null && !r.connected && !r.ended && !r.released
                        && now().isBefore(r.at.plus(RESERVATION))).ifPresent(r -> {
                    engine.callConnected(keys.get(r.who), r.callId, true);
                    r.connected = true;
                    model[r.who].connected();
                });
            } else if (action instanceof End a) {
                end(a);
            } else if (action instanceof Refuse a) {
                refuse(a);
            } else if (action instanceof CandidateCalls a) {
                String id = "wacid.u" + (++ids);
                ConsentKey k = keys.get(a.who());
                if (a.answered()) {
                    engine.callConnected(k, id, false);
                    engine.callEnded(k, id, true, false, Duration.ofSeconds(20));
                    model[a.who()].connected();
                } else {
                    engine.callEnded(k, id, false, false, null);
                }
            } else if (action instanceof Reconcile a) {
                reconcile(a);
            } else if (action instanceof Peek a) {
                peek(a.who());
            } else {
                throw new AssertionError(action);
            }
        }

        private void wholeCall(WholeCall a) {
            for (int i = 0; i < a.times(); i++) {
                oneCall(a);
            }
        }

        private void oneCall(WholeCall a) {
            int before = reservations.size();
            startCall(a.who());
            if (reservations.size() == before) {
                return;
            }
            Reservation r = reservations.get(before);
            if (a.outcome() == 2 || a.outcome() == 3) {
                refuse(new Refuse(0, a.outcome() == 2 ? 138006 : 138012, a.nextAllowedIn()), r);
                return;
            }
            r.callId = "wacid.c" + (++ids);
            engine.callPlaced(keys.get(r.who), r.reservationId, CallId.of(r.callId));
            if (a.outcome() == 0) {
                engine.callConnected(keys.get(r.who), r.callId, true);
                r.connected = true;
                model[r.who].connected();
                end(new End(0, true), r);
            } else if (a.outcome() == 1) {
                end(new End(0, false), r);
            }
        }

        private void refuse(Refuse a) {
            pick(a.pick(), r -> r.callId == null && !r.released).ifPresent(r -> refuse(a, r));
        }

        private void refuse(Refuse a, Reservation r) {
            Candidate c = model[r.who];
            if (a.code() == 138006) {
                engine.callRefused(keys.get(r.who), r.reservationId, metaError(138006));
                if (c.grant != Grant.NONE) {
                    c.grant(Grant.NONE, null);
                }
            } else {
                engine.callRefused(keys.get(r.who), r.reservationId, rateLimited(138012,
                        a.nextAllowedIn() == null ? null : now().plus(a.nextAllowedIn())));
            }
            r.released = true;
        }

        private Optional<Reservation> pick(int pick, Predicate<Reservation> eligible) {
            List<Reservation> candidates = reservations.stream().filter(eligible).toList();
            return candidates.isEmpty() ? Optional.empty()
                    : Optional.of(candidates.get(pick % candidates.size()));
        }

        private void invite(Invite a) {
            ConsentKey k = keys.get(a.who());
            Candidate c = model[a.who()];
            if (c.invitations.stream().filter(t -> t.isAfter(now().minus(WEEK))).count() >= 2) {
                weeklyPressure++;
            }
            Decision d = engine.tryInvite(k);
            wellFormed(d);
            if (!d.allowed()) {
                inviteReasonAgrees(c, (Decision.Denied) d);
                return;
            }
            assertThat(c.valid(now())).as("%s: invitation allowed while a permission is valid", where()).isFalse();
            Instant now = now();
            c.invitations.add(now);
            long lastDay = c.invitations.stream().filter(t -> t.isAfter(now.minus(DAY))).count();
            long lastWeek = c.invitations.stream().filter(t -> t.isAfter(now.minus(WEEK))).count();
            assertThat(lastDay).as("%s: invitations in the last 24 h %s", where(), c.invitations).isLessThanOrEqualTo(1);
            assertThat(lastWeek).as("%s: invitations in the last 7 days %s", where(), c.invitations)
                    .isLessThanOrEqualTo(2);
            c.grant(Grant.NONE, null);   // the invitation replaces an expired grant
            switch (a.outcome()) {
                case 1 -> engine.invitationFailed(k);
                case 2 -> {
                    engine.invitationRefused(k, rateLimited(138009,
                            a.nextAllowedIn() == null ? null : now.plus(a.nextAllowedIn())));
                    c.invitations.remove(now);
                }
                case 3 -> {
                    engine.invitationRefused(k, metaError(138017));
                    c.invitations.remove(now);
                    c.grant(Grant.PERMANENT, null);
                }
                default -> { }
            }
        }

        private void reply(Reply a) {
            Candidate c = model[a.who()];
            Instant now = now();
            PermissionReply reply = switch (a.kind()) {
                case ACCEPT_TEMPORARY -> new PermissionReply(true, false, null, false, now);
                case ACCEPT_TEMPORARY_UNTIL -> new PermissionReply(true, false, now.plus(a.expiresIn()), false, now);
                case ACCEPT_PERMANENT -> new PermissionReply(true, true, null, false, now);
                case REJECT -> new PermissionReply(false, false, null, false, now);
                case AUTOMATIC_REJECT -> new PermissionReply(false, false, null, true, now);
                case AUTOMATIC_CALLBACK_ACCEPT -> new PermissionReply(true, false, now.plus(a.expiresIn()), true, now);
            };
            engine.replied(keys.get(a.who()), reply);
            switch (a.kind()) {
                case ACCEPT_TEMPORARY -> c.grant(Grant.TEMPORARY, now.plus(TEMPORARY));
                case ACCEPT_TEMPORARY_UNTIL, AUTOMATIC_CALLBACK_ACCEPT -> c.grant(Grant.TEMPORARY, now.plus(a.expiresIn()));
                case ACCEPT_PERMANENT -> c.grant(Grant.PERMANENT, null);
                case REJECT, AUTOMATIC_REJECT -> c.grant(Grant.NONE, null);
            }
            if (reply.accepted() || reply.automatic()) {
                c.unanswered = 0;
            }
        }

        private void startCall(int who) {
            Candidate c = model[who];
            Decision d = engine.tryStartCall(keys.get(who));
            wellFormed(d);
            if (d instanceof Decision.Allowed ok) {
                assertThat(c.valid(now())).as("%s: call allowed without a valid permission (%s until %s)", where(),
                        c.grant, c.expires).isTrue();
                assertThat(ok.reservationId()).isNotBlank();
                reservations.add(new Reservation(who, ok.reservationId(), now()));
            } else {
                Decision.Denied no = (Decision.Denied) d;
                candidateLimitHits += no.reason() == DenialReason.CANDIDATE_DAILY_CALL_LIMIT ? 1 : 0;
                organizationLimitHits += no.reason() == DenialReason.ORGANIZATION_DAILY_CALL_LIMIT ? 1 : 0;
                callReasonAgrees(c, no);
            }
        }

        private void end(End a) {
            if (a.answered()) {
                pick(a.pick(), r -> r.callId != null && !r.ended && !r.released
                        && (r.connected || now().isBefore(r.at.plus(RESERVATION)))).ifPresent(r -> end(a, r));
            } else {
                pick(a.pick(), r -> r.callId != null && !r.ended && !r.released && !r.connected)
                        .ifPresent(r -> end(a, r));
            }
        }

        private void end(End a, Reservation r) {
            if (a.answered()) {
                engine.callEnded(keys.get(r.who), r.callId, true, true, Duration.ofSeconds(30));
                r.connected = true;
                r.ended = true;
                model[r.who].connected();
            } else {
                engine.callEnded(keys.get(r.who), r.callId, false, true, null);
                r.released = true;
                r.ended = true;
                Candidate c = model[r.who];
                c.unanswered++;
                if (c.unanswered >= UNANSWERED_RESET && c.grant != Grant.NONE) {
                    c.grant(Grant.NONE, null);
                    c.unanswered = 0;
                }
            }
        }

        private void reconcile(Reconcile a) {
            Candidate c = model[a.who()];
            CallPermissions meta = a.meta().at(now());
            engine.reconcile(keys.get(a.who()), meta);
            switch (meta.status()) {
                case PERMANENT -> c.grant(Grant.PERMANENT, null);
                case TEMPORARY -> {
                    if (meta.expiresAt() != null) {
                        c.grant(Grant.TEMPORARY, meta.expiresAt());
                    }
                }
                case NO_PERMISSION -> {
                    if (c.valid(now())) {
                        c.grant(Grant.NONE, null);
                    }
                }
                case UNKNOWN -> { }
            }
        }

        private void peek(int who) {
            ConsentKey k = keys.get(who);
            Candidate c = model[who];
            Decision invite = engine.canInvite(k);
            Decision call = engine.canCall(k);
            ConsentStatus status = engine.status(k);
            for (Decision d : List.of(invite, call, status.invite(), status.call())) {
                wellFormed(d);
            }
            if (invite instanceof Decision.Denied no) {
                inviteReasonAgrees(c, no);
            } else {
                assertThat(c.valid(now())).as("%s: invitation possible while a permission is valid", where()).isFalse();
            }
            if (call instanceof Decision.Denied no) {
                callReasonAgrees(c, no);
            } else {
                assertThat(c.valid(now())).as("%s: call possible without a valid permission", where()).isTrue();
            }
        }

        /** A valid permission is the only thing that makes inviting pointless; otherwise the reason is another. */
        private void inviteReasonAgrees(Candidate c, Decision.Denied no) {
            Instant now = now();
            if (c.valid(now)) {
                DenialReason expected = c.grant == Grant.PERMANENT ? DenialReason.PERMANENT_PERMISSION
                        : DenialReason.PERMISSION_ACTIVE;
                assertThat(no.reason()).as("%s: %s", where(), no).isEqualTo(expected);
                if (c.grant == Grant.TEMPORARY) {
                    assertThat(no.changesAt()).as("%s: %s", where(), no).isEqualTo(c.expires);
                }
            } else {
                assertThat(no.reason()).as("%s: %s with the model's %s until %s", where(), no, c.grant, c.expires)
                        .isNotIn(DenialReason.PERMISSION_ACTIVE, DenialReason.PERMANENT_PERMISSION);
            }
        }

        /** With a valid permission only a limit can refuse a call; without one, a permission reason must. */
        private void callReasonAgrees(Candidate c, Decision.Denied no) {
            if (c.valid(now())) {
                assertThat(no.reason()).as("%s: %s with the model's %s until %s", where(), no, c.grant, c.expires)
                        .isIn(LIMIT_REASONS);
            } else {
                assertThat(no.reason()).as("%s: %s with the model's %s until %s", where(), no, c.grant, c.expires)
                        .isIn(PERMISSION_REASONS);
            }
        }

        private void wellFormed(Decision d) {
            if (d instanceof Decision.Denied no) {
                assertThat(no.status()).as("%s: %s", where(), no).isNotBlank();
                if (no.changesAt() != null) {
                    assertThat(no.changesAt()).as("%s: %s", where(), no).isAfter(now());
                }
            }
        }

        void checkCallCounts() {
            Instant now = now();
            int total = 0;
            for (int who = 0; who < model.length; who++) {
                int w = who;
                long counted = reservations.stream().filter(r -> r.who == w && r.counts(now)).count();
                assertThat(counted).as("%s: calls counting for candidate %s", where(), who)
                        .isLessThanOrEqualTo(CANDIDATE_MAX);
                total += (int) counted;
            }
            assertThat(total).as("%s: calls counting for the organisation", where()).isLessThanOrEqualTo(ORGANIZATION_MAX);
        }

        void checkTimeline() {
            for (ConsentKey k : keys) {
                List<TimelineEvent> events = timeline.of(k);
                long granted = events.stream().filter(e -> e.type() == TimelineEventType.PERMISSION_GRANTED).count();
                long expired = events.stream().filter(e -> e.type() == TimelineEventType.PERMISSION_EXPIRED).count();
                assertThat(expired).as("expiries reported vs grants for %s: %s", k.user(), events)
                        .isLessThanOrEqualTo(granted);
                for (TimelineEvent e : events) {
                    boolean callEvent = e.type().name().startsWith("CALL_");
                    assertThat(e.call().isPresent()).as("%s", e).isEqualTo(callEvent);
                    assertThat(e.description()).isNotBlank();
                }
            }
        }
    }
}
