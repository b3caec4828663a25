package dev.wacalls.bench;

import dev.wacalls.consent.ConsentEngine;
import dev.wacalls.consent.ConsentKey;
import dev.wacalls.consent.ConsentStore;
import dev.wacalls.consent.Decision;
import dev.wacalls.consent.InMemoryConsentStore;
import dev.wacalls.consent.PermissionReply;
import dev.wacalls.id.PhoneNumberId;
import dev.wacalls.id.WaId;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Consent decisions per second on one thread: {@code canCall} for a candidate with a granted permission (a read,
 * plus the organisation's count under its lock), {@code canInvite} (a read), and {@code tryStartCall} followed by
 * the call's end (two write transactions). {@code store=memory} is the in-memory store; {@code store=postgres}
 * runs a real PostgreSQL (embedded) through the JDBC store, as several application instances would share it.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ConsentBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ConsentBenchmark {
    @Param({"memory", "postgres"})
    public String store;

    private ConsentEngine engine;
    private ConsentKey granted;
    private ConsentKey fresh;
    private AutoCloseable resources;
    private long calls;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        ConsentStore s;
        switch (store) {
            case "memory" -> {
                s = new InMemoryConsentStore();
                resources = () -> { };
            }
            case "postgres" -> {
                BenchPostgres pg = BenchPostgres.start();
                s = pg.store();
                resources = pg;
            }
            default -> throw new IllegalArgumentException("store must be memory or postgres: " + store);
        }
        engine = ConsentEngine.builder().store(s).build();
        PhoneNumberId line = PhoneNumberId.of("106540352242922");
        granted = ConsentKey.of("acme", line, WaId.of("447700900123"));
        fresh = ConsentKey.of("acme", line, WaId.of("447700900124"));
        engine.tryInvite(granted);
        engine.replied(granted, new PermissionReply(true, true, null, false, Instant.now()));
        if (!engine.canCall(granted).allowed()) {
            throw new IllegalStateException("setup: the granted candidate cannot be called");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        resources.close();
    }

    @Benchmark
    public Decision canCallGranted() {
        return engine.canCall(granted);
    }

    @Benchmark
    public Decision canInviteFresh() {
        return engine.canInvite(fresh);
    }

    @Benchmark
    public Decision tryStartCallThenRelease() {
        Decision d = engine.tryStartCall(granted);
        if (d instanceof Decision.Allowed a && a.reservationId() != null) {
            // Released as an end that counts neither as connected (the daily limit would stop the run) nor as
            // unanswered (four would reset the permission): the same two transactions, steady state.
            engine.callEnded(granted, a.reservationId(), false, false, null);
            calls++;
        } else {
            throw new IllegalStateException("denied after " + calls + " calls: " + d);
        }
        return d;
    }
}
