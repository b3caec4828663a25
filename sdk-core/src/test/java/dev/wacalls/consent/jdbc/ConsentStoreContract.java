package dev.wacalls.consent.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wacalls.consent.CallSlot;
import dev.wacalls.consent.ConsentKey;
import dev.wacalls.consent.ConsentPhase;
import dev.wacalls.consent.ConsentState;
import dev.wacalls.consent.ConsentStore;
import dev.wacalls.consent.OrganizationCalls;
import dev.wacalls.id.Bsuid;
import dev.wacalls.id.PhoneNumberId;
import dev.wacalls.id.WaId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConsentStore} must do, run against each implementation. Each test uses an organisation of its
 * own, so one database serves a whole test class.
 */
abstract class ConsentStoreContract {
    static final Instant NOW = Instant.parse("2026-03-02T10:15:30.123456Z");
    static final PhoneNumberId LINE = PhoneNumberId.of("106540352242922");

    /** The store under test. */
    abstract ConsentStore store();

    /**
     * Stores that share the same data, as several application instances would: by default only {@link #store()}.
     * The contention tests spread their threads over them.
     */
    List<ConsentStore> instances() {
        return List.of(store());
    }

    static ConsentKey newKey() {
        return ConsentKey.of("org-" + UUID.randomUUID(), LINE, WaId.of("447700900123"));
    }

    static ConsentState fullState() {
        return ConsentState.initial().toBuilder()
                .phase(ConsentPhase.GRANTED)
                .invitedAt(NOW.minusSeconds(7200))
                .declinedInvitationAt(NOW.minusSeconds(90_000))
                .grantedAt(NOW.minusSeconds(3600))
                .expiresAt(NOW.plus(Duration.ofDays(7)))
                .permanent(false)
                .expiryReported(true)
                .resetAt(NOW.minusSeconds(200_000))
                .invitations(List.of(NOW.minusSeconds(7200), NOW.minusSeconds(100_000)))
                .consecutiveUnanswered(2)
                .calls(List.of(new CallSlot("wacid.ABGGFjFVU2AfAgo6V-Hc5eCgK5Gh==", NOW.minusSeconds(60), true),
                        new CallSlot("pending-1", NOW, false)))
                .inviteBlockedUntil(NOW.plusSeconds(30))
                .callBlockedUntil(NOW.plusNanos(1))
                .build();
    }

    private <T> T inOrganization(ConsentKey key, Function<ConsentStore.Transaction, T> work) {
        return store().transact(key, true, work);
    }

    private OrganizationCalls countSince(ConsentKey key, Instant connectedSince, Instant reservedSince) {
        return inOrganization(key, tx -> tx.organizationCalls(connectedSince, reservedSince));
    }

    @Test
    void aCandidateNeverSeenHasNoState() {
        assertThat(store().load(newKey())).isEmpty();
    }

    @Test
    void aTransactionStartsFromTheInitialStateAndLeavesNothingWhenItSavesNothing() {
        ConsentKey key = newKey();

        ConsentState seen = store().transact(key, false, ConsentStore.Transaction::state);

        assertThat(seen).isEqualTo(ConsentState.initial());
        assertThat(store().load(key)).isEmpty();
    }

    @Test
    void aSavedStateIsLoadedBackWholeWithVersionOne() {
        ConsentKey key = newKey();

        store().transact(key, false, tx -> {
            tx.save(fullState());
            return null;
        });

        assertThat(store().load(key)).contains(fullState().toBuilder().version(1).build());
    }

    @Test
    void theTransactionSeesWhatItSavedBeforeItCommits() {
        ConsentKey key = newKey();

        ConsentState seen = store().transact(key, false, tx -> {
            tx.save(fullState());
            return tx.state();
        });

        assertThat(seen.phase()).isEqualTo(ConsentPhase.GRANTED);
        assertThat(seen.version()).isEqualTo(1);
    }

    @Test
    void everySaveIncrementsTheVersionWhateverVersionTheCallerSet() {
        ConsentKey key = newKey();
        for (int i = 0; i < 3; i++) {
            int unanswered = i;
            store().transact(key, false, tx -> {
                tx.save(tx.state().toBuilder().consecutiveUnanswered(unanswered).version(999).build());
                return null;
            });
        }

        ConsentState loaded = store().load(key).orElseThrow();
        assertThat(loaded.version()).isEqualTo(3);
        assertThat(loaded.consecutiveUnanswered()).isEqualTo(2);
        assertThat(store().transact(key, false, ConsentStore.Transaction::state)).isEqualTo(loaded);
    }

    @Test
    void workThatThrowsLeavesTheStateAndTheCallLogAsTheyWere() {
        ConsentKey key = newKey();
        inOrganization(key, tx -> {
            tx.save(fullState());
            tx.reserveOrganizationCall("kept", NOW);
            return null;
        });
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> inOrganization(key, tx -> {
            tx.save(ConsentState.initial().toBuilder().phase(ConsentPhase.RESET).build());
            tx.reserveOrganizationCall("discarded", NOW);
            tx.releaseOrganizationCall("kept");
            throw boom;
        })).isSameAs(boom);

        assertThat(store().load(key)).contains(fullState().toBuilder().version(1).build());
        assertThat(countSince(key, NOW.minusSeconds(60), NOW.minusSeconds(60)))
                .isEqualTo(new OrganizationCalls(1, NOW));
    }

    @Test
    void workThatThrowsOnAFirstTransactionLeavesNoState() {
        ConsentKey key = newKey();

        assertThatThrownBy(() -> store().transact(key, true, tx -> {
            tx.save(fullState());
            throw new IllegalArgumentException("refused");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("refused");

        assertThat(store().load(key)).isEmpty();
    }

    @Test
    void theCallLogCountsConnectedAndReservedCallsEachSinceItsOwnInstant() {
        ConsentKey key = newKey();
        inOrganization(key, tx -> {
            tx.reserveOrganizationCall("connected-23h-ago", NOW.minus(Duration.ofHours(23)));
            tx.connectOrganizationCall("connected-23h-ago");
            tx.reserveOrganizationCall("reserved-23h-ago", NOW.minus(Duration.ofHours(23)));
            tx.reserveOrganizationCall("reserved-5min-ago", NOW.minus(Duration.ofMinutes(5)));
            tx.reserveOrganizationCall("reserved-now", NOW);
            return null;
        });

        // Connected calls count for 24 h, reserved ones for the reservation window (10 min by default).
        OrganizationCalls calls = countSince(key, NOW.minus(Duration.ofHours(24)), NOW.minus(Duration.ofMinutes(10)));

        assertThat(calls).isEqualTo(new OrganizationCalls(3, NOW.minus(Duration.ofHours(23))));
        assertThat(store().peekOrganizationCalls(key, NOW.minus(Duration.ofHours(24)), NOW.minus(Duration.ofMinutes(10))))
                .as("the unlocked read for decisions counts the same")
                .isEqualTo(calls);
    }

    @Test
    void anEmptyCallLogCountsNothingAndHasNoOldest() {
        assertThat(countSince(newKey(), NOW.minusSeconds(3600), NOW.minusSeconds(3600)))
                .isEqualTo(new OrganizationCalls(0, null));
    }

    @Test
    void aCallPlacedExactlyAtTheBoundaryNoLongerCounts() {
        ConsentKey key = newKey();
        inOrganization(key, tx -> {
            tx.reserveOrganizationCall("at-boundary", NOW.minusSeconds(600));
            tx.reserveOrganizationCall("just-after", NOW.minusSeconds(599));
            return null;
        });

        assertThat(countSince(key, NOW.minusSeconds(600), NOW.minusSeconds(600)))
                .isEqualTo(new OrganizationCalls(1, NOW.minusSeconds(599)));
    }

    @Test
    void connectingAReservedCallMakesItCountForTheDay() {
        ConsentKey key = newKey();
        Instant placed = NOW.minus(Duration.ofHours(2));
        inOrganization(key, tx -> {
            tx.reserveOrganizationCall("c1", placed);
            return null;
        });
        Instant dayAgo = NOW.minus(Duration.ofHours(24));
        Instant tenMinutesAgo = NOW.minus(Duration.ofMinutes(10));
        assertThat(countSince(key, dayAgo, tenMinutesAgo).count()).isZero();

        inOrganization(key, tx -> {
            tx.connectOrganizationCall("c1");
            return null;
        });

        assertThat(countSince(key, dayAgo, tenMinutesAgo)).isEqualTo(new OrganizationCalls(1, placed));
    }

    @Test
    void aRenamedCallKeepsItsPlaceAndAnswersToItsNewId() {
        ConsentKey key = newKey();
        inOrganization(key, tx -> {
            tx.reserveOrganizationCall("provisional-7", NOW);
            tx.renameOrganizationCall("provisional-7", "wacid.REAL");
            tx.connectOrganizationCall("provisional-7"); // the old id is gone: no effect
            return null;
        });
        Instant dayAgo = NOW.minus(Duration.ofHours(24));
        Instant future = NOW.plusSeconds(1);
        assertThat(countSince(key, dayAgo, future).count()).isZero();

        inOrganization(key, tx -> {
            tx.connectOrganizationCall("wacid.REAL");
            return null;
        });

        assertThat(countSince(key, dayAgo, future)).isEqualTo(new OrganizationCalls(1, NOW));
    }

    @Test
    void aReleasedCallNoLongerCounts() {
        ConsentKey key = newKey();
        inOrganization(key, tx -> {
            tx.reserveOrganizationCall("a", NOW.minusSeconds(30));
            tx.reserveOrganizationCall("b", NOW);
            tx.releaseOrganizationCall("a");
            tx.releaseOrganizationCall("never-reserved");
            return null;
        });

        assertThat(countSince(key, NOW.minusSeconds(60), NOW.minusSeconds(60)))
                .isEqualTo(new OrganizationCalls(1, NOW));
    }

    @Test
    void reservingACallPrunesTheOrganisationsCallsOlderThan25Hours() {
        ConsentKey key = newKey();
        ConsentKey otherOrganization = newKey();
        Instant longAgo = NOW.minus(Duration.ofHours(26));
        Instant recent = NOW.minus(Duration.ofHours(24).plusMinutes(30));
        for (ConsentKey k : List.of(key, otherOrganization)) {
            inOrganization(k, tx -> {
                tx.reserveOrganizationCall("old", longAgo);
                tx.connectOrganizationCall("old");
                tx.reserveOrganizationCall("kept", recent);
                tx.connectOrganizationCall("kept");
                return null;
            });
        }
        Instant epoch = Instant.EPOCH;
        assertThat(countSince(key, epoch, epoch).count()).isEqualTo(2);

        inOrganization(key, tx -> {
            tx.reserveOrganizationCall("new", NOW);
            return null;
        });

        assertThat(countSince(key, epoch, epoch)).isEqualTo(new OrganizationCalls(2, recent));
        assertThat(countSince(otherOrganization, epoch, epoch)).isEqualTo(new OrganizationCalls(2, longAgo));
    }

    @Test
    void theCallLogIsSharedByTheLinesAndCandidatesOfAnOrganisationOnly() {
        ConsentKey key = newKey();
        ConsentKey otherLine = ConsentKey.of(key.organizationId(), PhoneNumberId.of("2"), key.user());
        ConsentKey otherCandidate = ConsentKey.of(key.organizationId(), LINE, Bsuid.of("US.13491208655302741918"));
        inOrganization(key, tx -> {
            tx.reserveOrganizationCall("first", NOW.minusSeconds(1));
            return null;
        });
        store().transact(otherLine, true, tx -> {
            tx.reserveOrganizationCall("second", NOW);
            return null;
        });

        OrganizationCalls seen = store().transact(otherCandidate, true,
                tx -> tx.organizationCalls(NOW.minusSeconds(60), NOW.minusSeconds(60)));

        assertThat(seen).isEqualTo(new OrganizationCalls(2, NOW.minusSeconds(1)));
        assertThat(countSince(newKey(), NOW.minusSeconds(60), NOW.minusSeconds(60)).count()).isZero();
    }

    @Test
    void linesAndCandidatesHaveStatesOfTheirOwn() {
        ConsentKey key = newKey();
        ConsentKey otherLine = ConsentKey.of(key.organizationId(), PhoneNumberId.of("2"), key.user());
        // Same digits, but a BSUID is another user than a phone number.
        ConsentKey sameDigitsAsBsuid = ConsentKey.of(key.organizationId(), LINE, Bsuid.of(key.user().value()));
        store().transact(key, false, tx -> {
            tx.save(fullState());
            return null;
        });

        assertThat(store().load(otherLine)).isEmpty();
        assertThat(store().load(sameDigitsAsBsuid)).isEmpty();
        assertThat(store().load(key)).isPresent();
    }

    @Test
    void theCallLogNeedsTheOrganisationLock() {
        ConsentKey key = newKey();

        assertThatThrownBy(() -> store().transact(key, false,
                tx -> tx.organizationCalls(NOW, NOW))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store().transact(key, false, tx -> {
            tx.reserveOrganizationCall("x", NOW);
            return null;
        })).isInstanceOf(IllegalStateException.class);
    }

    // ---- contention: the reason the store exists --------------------------------------------------------------

    static final int THREADS = 16;
    static final int ATTEMPTS_PER_THREAD = 50;
    static final int LIMIT = 150;

    /**
     * Races {@link #THREADS} threads, spread over {@link #instances()}, each making {@link #ATTEMPTS_PER_THREAD}
     * attempts; returns how many attempts succeeded.
     */
    private int race(ConsentKey key, boolean lockOrganization, Function<ConsentStore.Transaction, Boolean> attempt)
            throws Exception {
        return race(thread -> key, lockOrganization, attempt);
    }

    private int race(IntFunction<ConsentKey> keyOfThread, boolean lockOrganization,
            Function<ConsentStore.Transaction, Boolean> attempt) throws Exception {
        List<ConsentStore> instances = instances();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger successes = new AtomicInteger();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                ConsentStore store = instances.get(t % instances.size());
                ConsentKey key = keyOfThread.apply(t);
                done.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < ATTEMPTS_PER_THREAD; i++) {
                        if (store.transact(key, lockOrganization, attempt)) {
                            successes.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        return successes.get();
    }

    /**
     * Between deciding and writing, as the engine does when it calls Meta: without it an in-memory database runs
     * each transaction so fast that even a store without locks would rarely be caught overshooting.
     */
    private static void widenTheRace() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void concurrentCallersOfOneCandidateStopExactlyAtTheOrganisationsLimit() throws Exception {
        ConsentKey key = newKey();
        Instant dayAgo = NOW.minus(Duration.ofHours(24));
        AtomicInteger ids = new AtomicInteger();

        int successes = race(key, true, tx -> {
            if (tx.organizationCalls(dayAgo, dayAgo).count() >= LIMIT) {
                return false;
            }
            widenTheRace();
            String callId = "call-" + ids.incrementAndGet();
            tx.reserveOrganizationCall(callId, NOW);
            ConsentState s = tx.state();
            List<CallSlot> calls = new ArrayList<>(s.calls());
            calls.add(new CallSlot(callId, NOW, false));
            tx.save(s.toBuilder().calls(calls).build());
            return true;
        });

        assertThat(successes).isEqualTo(LIMIT);
        ConsentState state = store().load(key).orElseThrow();
        assertThat(state.calls()).hasSize(LIMIT);
        assertThat(state.calls().stream().map(CallSlot::callId).distinct()).hasSize(LIMIT);
        assertThat(state.version()).isEqualTo(LIMIT);
        assertThat(countSince(key, dayAgo, dayAgo)).isEqualTo(new OrganizationCalls(LIMIT, NOW));
    }

    @Test
    void concurrentCallersOfDifferentCandidatesStopExactlyAtTheOrganisationsLimit() throws Exception {
        ConsentKey first = newKey();
        Instant dayAgo = NOW.minus(Duration.ofHours(24));
        AtomicInteger ids = new AtomicInteger();

        // Each thread calls its own candidate: only the organisation's lock stands between them.
        int successes = race(thread -> ConsentKey.of(first.organizationId(), LINE, WaId.of("4477009" + (10_000 + thread))),
                true, tx -> {
                    if (tx.organizationCalls(dayAgo, dayAgo).count() >= LIMIT) {
                        return false;
                    }
                    widenTheRace();
                    tx.reserveOrganizationCall("call-" + ids.incrementAndGet(), NOW);
                    return true;
                });

        assertThat(successes).isEqualTo(LIMIT);
        assertThat(countSince(first, dayAgo, dayAgo)).isEqualTo(new OrganizationCalls(LIMIT, NOW));
    }

    @Test
    void concurrentUpdatesOfOneCandidateWithoutTheOrganisationLockLoseNothing() throws Exception {
        ConsentKey key = newKey();

        int successes = race(key, false, tx -> {
            ConsentState s = tx.state();
            if (s.invitations().size() >= LIMIT) {
                return false;
            }
            widenTheRace();
            List<Instant> invitations = new ArrayList<>(s.invitations());
            invitations.add(NOW.plusSeconds(invitations.size()));
            tx.save(s.toBuilder().invitations(invitations).build());
            return true;
        });

        assertThat(successes).isEqualTo(LIMIT);
        ConsentState state = store().load(key).orElseThrow();
        assertThat(state.invitations()).hasSize(LIMIT).doesNotHaveDuplicates();
        assertThat(state.version()).isEqualTo(LIMIT);
    }
}
