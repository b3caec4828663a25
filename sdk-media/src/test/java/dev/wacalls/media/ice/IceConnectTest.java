package dev.wacalls.media.ice;

import static dev.wacalls.media.ice.IceTestSupport.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two of our sessions on 127.0.0.1: offerer controlling, answerer controlled, datagrams both ways. */
class IceConnectTest {
    static IceEndpoint left;
    static IceEndpoint right;
    static double openMillis;

    @BeforeAll
    static void endpoints() {
        long t0 = System.nanoTime();
        left = IceTestSupport.openLoopback();
        openMillis = (System.nanoTime() - t0) / 1e6;
        right = IceTestSupport.openLoopback();
    }

    @AfterAll
    static void close() {
        left.close();
        right.close();
    }

    @Test
    void gatheringGivesOneLoopbackHostCandidateWithCredentials() {
        try (IceSession s = left.newSession()) {
            IceParameters local = s.localParameters();
            assertThat(local.lite()).isFalse();
            assertThat(local.ufrag().length()).isGreaterThanOrEqualTo(4);
            assertThat(local.password().length()).isGreaterThanOrEqualTo(22);
            assertThat(local.candidates()).singleElement().satisfies(c -> {
                assertThat(c.type()).isEqualTo(IceCandidateType.HOST);
                assertThat(c.address()).isEqualTo("127.0.0.1");
                assertThat(c.port()).isEqualTo(left.sharedAddresses().get(0).getPort());
                assertThat(c.protocol()).isEqualTo("udp");
                assertThat(c.component()).isEqualTo(1);
                // RFC 8445 §5.1.2.1: host type preference 126 in the top byte.
                assertThat(c.priority() >> 24).isEqualTo(126);
                assertThat(c.foundation()).isNotEmpty();
            });
            assertThat(s.state()).isEqualTo(IceSession.State.GATHERED);
        }
    }

    @Test
    void aPublicAddressIsOfferedAsAStaticallyMappedServerReflexiveCandidate() throws Exception {
        // 192.0.2.10 is TEST-NET-1 (RFC 5737). Only the candidate is checked: no session here starts checks, so
        // nothing is ever sent to it.
        java.net.InetAddress nat = java.net.InetAddress.getByName("192.0.2.10");
        try (IceEndpoint ice = IceEndpoint.open(IceTestSupport.loopback().publicAddress(nat).build());
                IceSession s = ice.newSession()) {
            List<IceCandidate> candidates = s.localParameters().candidates();
            IceCandidate host = candidates.stream().filter(c -> c.type() == IceCandidateType.HOST).findFirst()
                    .orElseThrow();
            assertThat(candidates).hasSize(2).anySatisfy(c -> {
                assertThat(c.type()).isEqualTo(IceCandidateType.SERVER_REFLEXIVE);
                assertThat(c.address()).isEqualTo("192.0.2.10");
                assertThat(c.port()).isEqualTo(host.port());
                assertThat(c.relatedAddress()).isEqualTo("127.0.0.1");
                assertThat(c.relatedPort()).isEqualTo(host.port());
                assertThat(c.priority()).isLessThan(host.priority());
                assertThat(c.toSdpValue()).endsWith("typ srflx raddr 127.0.0.1 rport " + host.port());
            });
        }
    }

    @Test
    void defaultsProbeNothingAndOfferEveryNonLoopbackAddress() {
        IceConfig defaults = IceConfig.builder().localAddresses(List.of(LOOPBACK)).build();
        assertThat(defaults.awsMetadataProbe()).isFalse();
        assertThat(defaults.isSinglePort()).isTrue();
        assertThat(defaults.connectTimeout()).isEqualTo(java.time.Duration.ofSeconds(10));
        assertThat(defaults.consentTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(IceConfig.defaultLocalAddresses()).noneMatch(a -> a.isLoopbackAddress() || a.isLinkLocalAddress());
    }

    @Test
    void offererControlsAnswererIsControlledAndDatagramsFlowBothWays() throws Exception {
        try (IceSession a = left.newSession(); IceSession b = right.newSession()) {
            List<byte[]> atA = new CopyOnWriteArrayList<>();
            List<byte[]> atB = new CopyOnWriteArrayList<>();
            a.setPacketHandler((buf, off, len) -> atA.add(java.util.Arrays.copyOfRange(buf, off, off + len)));
            b.setPacketHandler((buf, off, len) -> atB.add(java.util.Arrays.copyOfRange(buf, off, off + len)));

            IceTestSupport.Pair pair = IceTestSupport.connect(a, b);

            assertThat(pair.offerer().role()).isEqualTo(IceRole.CONTROLLING);
            assertThat(pair.answerer().role()).isEqualTo(IceRole.CONTROLLED);
            assertThat(pair.offerer().remote()).isEqualTo(pair.answerer().local());
            assertThat(pair.answerer().remote()).isEqualTo(pair.offerer().local());
            assertThat(pair.offerer().localType()).isEqualTo(IceCandidateType.HOST);
            assertThat(a.state()).isEqualTo(IceSession.State.CONNECTED);

            // RTP-looking datagrams (first byte 0x80) go to the packet handler, in both directions.
            for (int i = 0; i < 20; i++) {
                assertThat(a.transport().sendPacket(rtp(i), 0, 12)).isEqualTo(IceSendStatus.SENT);
                assertThat(b.transport().sendPacket(rtp(100 + i), 0, 12)).isEqualTo(IceSendStatus.SENT);
            }
            // DTLS-looking datagrams (first byte 22) go to the transport.
            byte[] dtls = {22, (byte) 0xFE, (byte) 0xFD, 0, 0, 1, 2, 3};
            a.transport().send(dtls, 0, dtls.length);
            byte[] buf = new byte[1500];
            assertThat(b.transport().receive(buf, 0, buf.length, 2000)).isEqualTo(dtls.length);
            assertThat(java.util.Arrays.copyOf(buf, dtls.length)).isEqualTo(dtls);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while ((atA.size() < 20 || atB.size() < 20) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(atB).hasSize(20);
            assertThat(atA).hasSize(20);
            assertThat(atB.get(3)[1]).isEqualTo((byte) 3);
            assertThat(atA.get(3)[1]).isEqualTo((byte) 103);
            // STUN (checks, consent) reached ice4j, never the DTLS transport or the packet handler.
            assertThat(a.stunReceived()).isPositive();
            assertThat(b.stunReceived()).isPositive();
            assertThat(b.transport().receive(buf, 0, buf.length, 200)).isEqualTo(-1);
            assertThat(b.dtlsReceived()).isEqualTo(1);
            assertThat(a.dropped()).isZero();
        }
    }

    @Test
    void portRangeSessionsConnectToo() throws Exception {
        int base = freeRangeStart(4);
        try (IceEndpoint ranged = IceEndpoint.open(IceTestSupport.loopback().portRange(base, base + 3).build());
                IceSession a = ranged.newSession();
                IceSession b = right.newSession()) {
            assertThat(a.localParameters().candidates().get(0).port()).isBetween(base, base + 3);
            IceTestSupport.Pair pair = IceTestSupport.connect(b, a);
            assertThat(pair.answerer().local().getPort()).isBetween(base, base + 3);
            assertThat(ranged.openSocketCount()).isEqualTo(1);
        }
    }

    @Test
    void connectTimesColdAndWarm() throws Exception {
        // Printed for the build log. Run this test alone for cold numbers: its first iteration then pays ice4j's
        // class loading and JIT; in a full run earlier tests have warmed the JVM.
        List<String> rounds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long t0 = System.nanoTime();
            try (IceSession a = left.newSession(); IceSession b = right.newSession()) {
                long t1 = System.nanoTime();
                IceTestSupport.Pair pair = IceTestSupport.connect(a, b);
                long t2 = System.nanoTime();
                rounds.add(String.format("%.1f+%.1f(%d)", (t1 - t0) / 1e6, (t2 - t1) / 1e6,
                        pair.offerer().elapsed().toMillis()));
            }
        }
        System.out.printf("ICE on loopback, gather 2 sessions + connect ms (offerer's own ms): endpoint open %.1f ms;"
                + " first connect in this JVM %.1f ms; rounds %s%n", openMillis,
                IceTestSupport.CONNECT_MILLIS.get(0), rounds);
        int n = IceTestSupport.CONNECT_MILLIS.size();
        assertThat(IceTestSupport.CONNECT_MILLIS.subList(n - 5, n)).allSatisfy(ms -> assertThat(ms).isLessThan(2000.0));
    }

    static byte[] rtp(int n) {
        byte[] p = new byte[12];
        p[0] = (byte) 0x80;
        p[1] = (byte) n;
        return p;
    }

    /** A start port with {@code n} free consecutive UDP ports on loopback. */
    static int freeRangeStart(int n) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            int start;
            try (java.net.DatagramSocket probe = new java.net.DatagramSocket(new java.net.InetSocketAddress(LOOPBACK, 0))) {
                start = probe.getLocalPort();
            }
            if (start + n > 65_535) {
                continue;
            }
            boolean free = true;
            for (int p = start; p < start + n && free; p++) {
                try (java.net.DatagramSocket s = new java.net.DatagramSocket(new java.net.InetSocketAddress(LOOPBACK, p))) {
                    s.getLocalPort();
                } catch (java.net.SocketException e) {
                    free = false;
                }
            }
            if (free) {
                return start;
            }
        }
        throw new IllegalStateException("no free port range");
    }
}
