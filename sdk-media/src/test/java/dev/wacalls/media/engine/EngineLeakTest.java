package dev.wacalls.media.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wacalls.call.LegKind;
import dev.wacalls.call.MediaEvent;
import dev.wacalls.call.MediaLeg;
import dev.wacalls.media.dtls.DtlsCertificate;
import dev.wacalls.media.ice.IceConfig;
import dev.wacalls.media.ice.IceEndpoint;
import dev.wacalls.media.leg.WebRtcLeg;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Closing a call frees what it took: 1,000 legs opened (ports bound, ICE agents created, an offer written) and
 * closed through a port range of only 50 ports, then 100 calls that really connect (ICE, DTLS, SRTP keys, RTCP) and
 * close. Afterwards the engine holds no leg, no ICE session, no extra socket, file descriptor or thread.
 */
class EngineLeakTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int PORTS = 50;

    @Test
    void thousandSessionsOpenedAndClosed_andHundredConnectedCalls_leakNothing() throws Exception {
        int minPort = 42_000 + (int) (ProcessHandle.current().pid() % 1000) * 10 % 20_000;
        EventLog events = new EventLog();
        ExecutorService peerPool = Executors.newFixedThreadPool(2);
        try (WebRtcMediaEngine engine = WebRtcMediaEngine.builder()
                        .ice(IceConfig.builder().localAddresses(List.of(LOOPBACK))
                                .portRange(minPort, minPort + PORTS - 1).build())
                        .build();
                IceEndpoint peerIce = IceEndpoint.open(IceConfig.builder().localAddresses(List.of(LOOPBACK)).build())) {
            // Warm up once, so that lazily started JVM and ice4j threads are in the baseline.
            connectedCall(engine, peerIce, peerPool, events);
            settle();
            Snapshot before = Snapshot.take(engine);

            for (int i = 0; i < 1000; i++) {
                MediaLeg leg = engine.newLeg(i % 2 == 0 ? LegKind.WHATSAPP : LegKind.AGENT, events);
                String offer = leg.createOffer();
                assertThat(offer).contains("a=candidate:");
                leg.close();
            }
            Snapshot afterOffers = Snapshot.take(engine);

            for (int i = 0; i < 100; i++) {
                connectedCall(engine, peerIce, peerPool, events);
            }
            settle();
            Snapshot after = Snapshot.take(engine);
            System.out.printf("leak test: before %s%n  after 1,000 offers %s%n  after 100 connected calls %s%n",
                    before, afterOffers, after);

            assertThat(engine.legCount()).isZero();
            assertThat(after.sessions).isZero();
            assertThat(after.sockets).isEqualTo(before.sockets);
            assertThat(after.iceConnectors).as("ice4j's per-session reader threads end with the session").isZero();
            assertThat(after.ourThreads).as("engine threads: a fixed set").isLessThanOrEqualTo(before.ourThreads + 2);
            assertThat(after.fds).as("file descriptors").isLessThanOrEqualTo(before.fds + 5);
            assertThat(after.otherThreads).as("JVM and ice4j pool threads").isLessThanOrEqualTo(before.otherThreads + 8);
            assertThat(events.of(MediaEvent.Failed.class)).isEmpty();
            assertThat(events.of(MediaEvent.Ended.class)).hasSize(1 + 1000 + 100);
        } finally {
            peerPool.shutdownNow();
        }
    }

    /** One call that connects both ways and carries a little RTCP, then both sides close. */
    private static void connectedCall(WebRtcMediaEngine engine, IceEndpoint peerIce, ExecutorService pool,
            EventLog events) throws Exception {
        MediaLeg leg = engine.newLeg(LegKind.AGENT, events);
        try (WebRtcLeg peer = WebRtcLeg.builder(peerIce, DtlsCertificate.generate(), pool).build()) {
            peer.applyAnswer(leg.answerOffer(peer.createOffer()));
            peer.connected().get(10, TimeUnit.SECONDS);
            events.await(MediaEvent.Connected.class, leg.id(), Duration.ofSeconds(10));
            assertThat(peer.sendReport(System.nanoTime())).isEqualTo(WebRtcLeg.SendStatus.SENT);
        } finally {
            leg.close();
        }
    }

    private static void settle() {
        // Closing returns before ice4j's connector threads have noticed; give them a moment, without sleeping blind.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> threadsNamed("IceConnector") == 0);
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).count();
    }

    private record Snapshot(int sessions, int sockets, long fds, long ourThreads, long iceConnectors,
            long otherThreads) {
        static Snapshot take(WebRtcMediaEngine engine) throws IOException {
            long ours = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("wacalls-")).count();
            long connectors = threadsNamed("IceConnector");
            long all = Thread.getAllStackTraces().size();
            long fds;
            try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
                fds = s.count();
            }
            return new Snapshot(engine.iceEndpoint().sessionCount(), engine.iceEndpoint().openSocketCount(), fds,
                    ours, connectors, all - ours - connectors);
        }
    }
}
