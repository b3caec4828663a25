package dev.wacalls.consent;

import static dev.wacalls.consent.ConsentFixtures.T0;
import static dev.wacalls.consent.ConsentFixtures.acceptPermanent;
import static dev.wacalls.consent.ConsentFixtures.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Threads racing on one candidate with the in-memory store: the limits hold exactly, round after round. */
@Timeout(value = 15, unit = TimeUnit.SECONDS)
class ConsentEngineConcurrencyTest {
    private static final int THREADS = 32;
    private static final int ROUNDS = 20;

    private final MutableClock clock = new MutableClock(T0);
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private ConsentEngine engine(ConsentPolicy policy, RecordingTimeline timeline) {
        return ConsentEngine.builder().store(new InMemoryConsentStore()).policy(policy).clock(clock)
                .listener(timeline).build();
    }

    /** Runs {@code decision(thread)} on every thread at once. */
    private List<Decision> race(IntFunction<Decision> decision) throws Exception {
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Decision>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int thread = i;
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return decision.apply(thread);
            }));
        }
        ready.await();
        go.countDown();
        List<Decision> out = new ArrayList<>();
        for (Future<Decision> f : futures) {
            out.add(f.get(5, TimeUnit.SECONDS));
        }
        return out;
    }

    @Test
    void racingInvitationsAllowExactlyOne() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            RecordingTimeline timeline = new RecordingTimeline();
            ConsentEngine engine = engine(ConsentPolicy.defaults(), timeline);
            ConsentKey key = key("acme", "447700900123");
            List<Decision> decisions = race(thread -> engine.tryInvite(key));
            assertThat(decisions.stream().filter(Decision::allowed)).as("round %s", round).hasSize(1);
            assertThat(timeline.count(TimelineEventType.PERMISSION_REQUESTED)).isEqualTo(1);
            assertThat(engine.status(key).state().invitations()).hasSize(1);
        }
    }

    @Test
    void racingCallsAllowExactlyTheCandidatesDailyLimit() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            RecordingTimeline timeline = new RecordingTimeline();
            ConsentEngine engine = engine(ConsentPolicy.defaults().withMaxCallsPerCandidatePerDay(5), timeline);
            ConsentKey key = key("acme", "447700900123");
            engine.replied(key, acceptPermanent(T0));
            List<Decision> decisions = race(thread -> engine.tryStartCall(key));
            List<String> reservations = decisions.stream().filter(Decision::allowed)
                    .map(d -> ((Decision.Allowed) d).reservationId()).toList();
            assertThat(reservations).as("round %s", round).hasSize(5).doesNotHaveDuplicates().doesNotContainNull();
            assertThat(decisions.stream().filter(d -> !d.allowed()))
                    .allSatisfy(d -> assertThat(((Decision.Denied) d).reason())
                            .isEqualTo(DenialReason.CANDIDATE_DAILY_CALL_LIMIT));
            assertThat(timeline.count(TimelineEventType.CALL_STARTED)).isEqualTo(5);
            assertThat(engine.status(key).state().calls()).hasSize(5);
        }
    }

    @Test
    void racingCallsToDifferentCandidatesAllowExactlyTheOrganisationsLimit() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            ConsentEngine engine = engine(ConsentPolicy.defaults().withMaxCallsPerOrganizationPerDay(7),
                    new RecordingTimeline());
            List<ConsentKey> keys = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                ConsentKey k = key("acme", String.format("4477009001%02d", i));
                engine.replied(k, acceptPermanent(T0));
                keys.add(k);
            }
            List<Decision> decisions = race(thread -> engine.tryStartCall(keys.get(thread)));
            assertThat(decisions.stream().filter(Decision::allowed)).as("round %s", round).hasSize(7);
        }
    }
}
