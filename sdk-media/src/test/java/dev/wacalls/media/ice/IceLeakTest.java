package dev.wacalls.media.ice;

import static dev.wacalls.media.ice.IceTestSupport.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Session churn: closing a session gives back its ports, its ice4j connector thread and its file descriptors. */
class IceLeakTest {
    static final int SESSIONS = 200;

    @Test
    void twoHundredPortRangeSessionsLeakNoPortThreadOrDescriptor() throws Exception {
        int base = IceConnectTest.freeRangeStart(8);
        try (IceEndpoint ranged = IceEndpoint.open(IceTestSupport.loopback().portRange(base, base + 7).build());
                IceEndpoint peer = IceTestSupport.openLoopback()) {
            // Warm-up, so ice4j's JVM-wide schedulers and pools exist before the baseline is taken.
            for (int i = 0; i < 3; i++) {
                churnOne(ranged, peer, true);
            }
            settle(() -> IceTestSupport.threads("IceConnector") == 0);
            java.util.Set<String> namesBefore = threadNames();
            int threadsBefore = Thread.getAllStackTraces().size();
            int fdsBefore = IceTestSupport.openFileDescriptors();

            // While open: ice4j's STUN stack holds one connector thread per session socket.
            List<IceSession> open = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                open.add(ranged.newSession());
            }
            long connectorsWhileOpen = IceTestSupport.threads("IceConnector");
            int socketsWhileOpen = ranged.openSocketCount();
            open.forEach(IceSession::close);

            long start = System.nanoTime();
            int connected = 0;
            for (int i = 0; i < SESSIONS; i++) {
                // Every tenth one connects and carries a datagram, so checks and consent run too.
                if (churnOne(ranged, peer, i % 10 == 0)) {
                    connected++;
                }
            }
            long churnMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(ranged.sessionCount()).isZero();
            assertThat(peer.sessionCount()).isZero();
            assertThat(ranged.openSocketCount()).isZero();
            assertThat(peer.sharedPort(LOOPBACK).routes()).isZero();
            boolean settled = settle(() -> IceTestSupport.threads("IceConnector") == 0
                    && IceTestSupport.openFileDescriptors() <= fdsBefore
                    && Thread.getAllStackTraces().size() <= threadsBefore + 2);
            int threadsAfter = Thread.getAllStackTraces().size();
            int fdsAfter = IceTestSupport.openFileDescriptors();
            java.util.Set<String> added = threadNames();
            added.removeAll(namesBefore);
            System.out.printf("leak test: %d sessions (%d connected) in %d ms; 8 open sessions held %d IceConnector "
                    + "threads and %d sockets; threads %d -> %d (new names: %s), fds %d -> %d, settled=%s%n",
                    SESSIONS, connected, churnMs, connectorsWhileOpen, socketsWhileOpen, threadsBefore, threadsAfter,
                    added, fdsBefore, fdsAfter, settled);

            System.out.println("leak test: threads present after warm-up: " + namesBefore);
            assertThat(connectorsWhileOpen).isEqualTo(8);
            assertThat(socketsWhileOpen).isEqualTo(8);
            assertThat(IceTestSupport.threads("IceConnector")).isZero();
            assertThat(IceTestSupport.threads("MergingDatagramSocket")).isZero();
            // ice4j's cached pools may keep a thread or two until their 60 s idle timeout; nothing per session.
            assertThat(threadsAfter).isLessThanOrEqualTo(threadsBefore + 2);
            assertThat(fdsAfter).isLessThanOrEqualTo(fdsBefore);
            // Every port of the range can be bound again: nothing holds them.
            for (int p = base; p <= base + 7; p++) {
                try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, p))) {
                    assertThat(s.getLocalPort()).isEqualTo(p);
                }
            }
        }
    }

    @Test
    void sharedPortSessionsLeaveNoRouteBehind() throws Exception {
        try (IceEndpoint ice = IceTestSupport.openLoopback()) {
            int fdsBefore = IceTestSupport.openFileDescriptors();
            for (int i = 0; i < SESSIONS; i++) {
                ice.newSession().close();
            }
            assertThat(ice.sharedPort(LOOPBACK).routes()).isZero();
            assertThat(ice.openSocketCount()).isEqualTo(1);
            assertThat(IceTestSupport.openFileDescriptors()).isLessThanOrEqualTo(fdsBefore);
            assertThat(settle(() -> IceTestSupport.threads("IceConnector") == 0)).isTrue();
        }
    }

    private static boolean churnOne(IceEndpoint ranged, IceEndpoint peer, boolean connect) throws Exception {
        try (IceSession a = ranged.newSession()) {
            if (!connect) {
                return false;
            }
            try (IceSession b = peer.newSession()) {
                IceTestSupport.connect(b, a);
                assertThat(b.transport().sendPacket(IceConnectTest.rtp(1), 0, 12)).isEqualTo(IceSendStatus.SENT);
                return true;
            }
        }
    }

    private static java.util.Set<String> threadNames() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName()));
        return names;
    }

    /** Polls for up to 5 s. */
    private static boolean settle(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }
}
