package dev.wacalls.consent.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wacalls.consent.ConsentEngine;
import dev.wacalls.consent.ConsentKey;
import dev.wacalls.consent.ConsentPolicy;
import dev.wacalls.consent.Decision;
import dev.wacalls.consent.PermissionReply;
import dev.wacalls.consent.TimelineEvent;
import dev.wacalls.consent.TimelineEventType;
import dev.wacalls.id.PhoneNumberId;
import dev.wacalls.id.WaId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two application instances — two engines, each with its own JDBC store and connection pool — on one real
 * PostgreSQL, with many threads racing to invite and to call the same candidate: exactly what the rules allow gets
 * through, and the timeline says so.
 */
class EnginesRaceOnPostgresTest {
    private static final int THREADS = 16;
    private static final int ATTEMPTS_PER_THREAD = 20;

    private static TestPostgres postgres;
    private static ConsentEngine instanceA;
    private static ConsentEngine instanceB;
    private static final List<TimelineEvent> timeline = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startTwoInstances() {
        postgres = TestPostgres.start();
        ConsentPolicy policy = ConsentPolicy.defaults().withMaxCallsPerCandidatePerDay(7)
                .withMaxCallsPerOrganizationPerDay(12);
        instanceA = ConsentEngine.builder().store(JdbcConsentStore.migrateAndCreate(postgres.newPool(8)))
                .policy(policy).listener(timeline::add).build();
        instanceB = ConsentEngine.builder().store(new JdbcConsentStore(postgres.newPool(8)))
                .policy(policy).listener(timeline::add).build();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private static int race(Function<ConsentEngine, Decision> attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger allowed = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            ConsentEngine engine = t % 2 == 0 ? instanceA : instanceB;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < ATTEMPTS_PER_THREAD; i++) {
                    if (attempt.apply(engine).allowed()) {
                        allowed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        return allowed.get();
    }

    @Test
    void exactlyOneInvitationAndExactlyTheDailyCallsGetThroughAcrossTwoInstances() throws Exception {
        PhoneNumberId line = PhoneNumberId.of("106540352242922");
        ConsentKey alex = ConsentKey.of("acme", line, WaId.of("447700900123"));

        int invitations = race(engine -> engine.tryInvite(alex));
        assertThat(invitations).as("invitations allowed out of %d attempts", THREADS * ATTEMPTS_PER_THREAD)
                .isEqualTo(1);

        instanceB.replied(alex, new PermissionReply(true, false, null, false, Instant.now()));
        int calls = race(engine -> engine.tryStartCall(alex));
        assertThat(calls).as("calls allowed against a candidate limit of 7").isEqualTo(7);
        assertThat(instanceA.canCall(alex).allowed()).isFalse();

        assertThat(count(alex, TimelineEventType.PERMISSION_REQUESTED)).isEqualTo(1);
        assertThat(count(alex, TimelineEventType.CALL_STARTED)).isEqualTo(7);
    }

    private static long count(ConsentKey key, TimelineEventType type) {
        return timeline.stream().filter(e -> e.key().equals(key) && e.type() == type).count();
    }

    @Test
    void theOrganisationLimitHoldsAcrossCandidatesAndInstances() throws Exception {
        PhoneNumberId line = PhoneNumberId.of("106540352242999");
        List<ConsentKey> candidates = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ConsentKey k = ConsentKey.of("globex", line, WaId.of("4477009001" + (10 + i)));
            instanceA.replied(k, new PermissionReply(true, true, null, false, Instant.now()));
            candidates.add(k);
        }
        AtomicInteger next = new AtomicInteger();
        int calls = race(engine -> engine.tryStartCall(candidates.get(next.getAndIncrement() % candidates.size())));
        assertThat(calls).as("calls allowed against an organisation limit of 12").isEqualTo(12);
    }
}
