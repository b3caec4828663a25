package dev.wacalls.bench;

import dev.wacalls.call.LegKind;
import dev.wacalls.call.MediaEvent;
import dev.wacalls.call.MediaLeg;
import dev.wacalls.media.dtls.DtlsCertificate;
import dev.wacalls.media.engine.WebRtcMediaEngine;
import dev.wacalls.media.ice.IceConfig;
import dev.wacalls.media.ice.IceEndpoint;
import dev.wacalls.media.leg.WebRtcLeg;
import dev.wacalls.media.rtp.BufferPool;
import dev.wacalls.media.rtp.PacketBuffer;
import dev.wacalls.media.rtp.RtpPacket;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Call setup on loopback, as the business-initiated call sees it: from the moment we apply the callee's SDP answer
 * (the connect webhook) until the first SRTP packet from the callee is authenticated and reported
 * ({@link MediaEvent.MediaFlowing}) — ICE checks (we are controlling), the DTLS handshake (we are the server, the
 * callee answered {@code active} as Meta does) and SRTP key setup.
 *
 * <p>The callee is our own {@link WebRtcLeg} on its own ICE endpoint; it starts sending a 20 ms packet every 5 ms
 * once its own keys are ready, so the figure is not quantised by a packet clock. Warm: many calls in one JVM. Cold:
 * the first call of a fresh JVM ({@code -f 10 -wi 0 -i 1}):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar CallSetupBenchmark -bm ss -f 1 -wi 20 -i 100 -p warmUp=false  # warm
 * java -jar benchmarks/target/benchmarks.jar CallSetupBenchmark -bm ss -f 10 -wi 0 -i 1                  # cold,
 *                                                     # with and without WebRtcMediaEngine.warmUp() at start-up
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class CallSetupBenchmark {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private WebRtcMediaEngine engine;
    private IceEndpoint calleeIce;
    private ScheduledExecutorService calleeThreads;
    private final BufferPool pool = BufferPool.withDefaults();

    private MediaLeg leg;
    private WebRtcLeg callee;
    private String answer;
    private CompletableFuture<Void> flowing;
    private volatile ScheduledFuture<?> sender;

    /** Whether the engine runs {@link WebRtcMediaEngine#warmUp()} before the first measured call. */
    @org.openjdk.jmh.annotations.Param({"false", "true"})
    public boolean warmUp;

    @Setup(Level.Trial)
    public void openEngine() {
        System.setProperty("ice4j.harvest.mapping.aws.enabled", "false");
        engine = WebRtcMediaEngine.builder()
                .ice(IceConfig.builder().localAddresses(List.of(LOOPBACK)).build())
                .build();
        if (warmUp) {
            engine.warmUp();
        }
        calleeIce = IceEndpoint.open(IceConfig.builder().localAddresses(List.of(LOOPBACK)).build());
        calleeThreads = Executors.newScheduledThreadPool(2);
    }

    @Setup(Level.Invocation)
    public void offerAndAnswer() {
        flowing = new CompletableFuture<>();
        CompletableFuture<Void> f = flowing;
        leg = engine.newLeg(LegKind.WHATSAPP, e -> {
            if (e instanceof MediaEvent.MediaFlowing) {
                f.complete(null);
            } else if (e instanceof MediaEvent.Failed failed) {
                f.completeExceptionally(new IllegalStateException(failed.reason()));
            }
        });
        callee = WebRtcLeg.builder(calleeIce, DtlsCertificate.generate(), calleeThreads).build();
        answer = callee.answerOffer(leg.createOffer());
        WebRtcLeg c = callee;
        c.connected().thenRun(() -> sender = calleeThreads.scheduleAtFixedRate(new Runnable() {
            private int seq;

            @Override
            public void run() {
                PacketBuffer p = pool.acquire(120);
                try {
                    int n = RtpPacket.writeHeader(p.array(), p.offset(), false, c.opusPayloadType(), seq, 960L * seq,
                            (int) c.localSsrc());
                    p.setLength(n + 80);
                    seq++;
                    c.send(p);
                } finally {
                    p.release();
                }
            }
        }, 0, 5, TimeUnit.MILLISECONDS));
    }

    @Benchmark
    public void answerAppliedToFirstSrtpPacket() throws Exception {
        leg.applyAnswer(answer);
        flowing.get(10, TimeUnit.SECONDS);
    }

    @TearDown(Level.Invocation)
    public void hangUp() {
        ScheduledFuture<?> s = sender;
        if (s != null) {
            s.cancel(false);
        }
        leg.close();
        callee.close();
    }

    @TearDown(Level.Trial)
    public void closeEngine() {
        engine.close();
        calleeIce.close();
        calleeThreads.shutdownNow();
    }
}
