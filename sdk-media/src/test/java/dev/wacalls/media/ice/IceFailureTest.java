package dev.wacalls.media.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.ice4j.ice.CandidatePair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a user sees when ICE cannot work, and how odd remote candidate lists are handled. */
class IceFailureTest {
    static final Duration SHORT = Duration.ofSeconds(2);
    static IceEndpoint left;
    static IceEndpoint right;

    @BeforeAll
    static void endpoints() {
        left = IceEndpoint.open(IceTestSupport.loopback().connectTimeout(SHORT).build());
        right = IceEndpoint.open(IceTestSupport.loopback().connectTimeout(SHORT).build());
    }

    @AfterAll
    static void close() {
        left.close();
        right.close();
    }

    @Test
    void aWrongRemotePasswordNeverConnectsAndFailsWithinTheTimeout() throws Exception {
        try (IceSession a = left.newSession(); IceSession b = right.newSession()) {
            IceParameters bReal = b.localParameters();
            IceParameters bWrongPwd = new IceParameters(bReal.ufrag(), "x".repeat(24), bReal.candidates(), false);
            long start = System.nanoTime();
            CompletableFuture<IceSelectedPair> fa = a.start(bWrongPwd, true);
            CompletableFuture<IceSelectedPair> fb = b.start(a.localParameters(), false);

            assertThatThrownBy(() -> fa.get(SHORT.toMillis() + 2000, TimeUnit.MILLISECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IceException.class)
                    .isInstanceOfAny(IceTimeoutException.class, IceChecksFailedException.class);
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(elapsedMs).isLessThan(SHORT.toMillis() + 1000);
            // The other side authenticated nothing from us either (our checks carry the wrong key).
            assertThatThrownBy(() -> fb.get(SHORT.toMillis() + 2000, TimeUnit.MILLISECONDS))
                    .cause().isInstanceOf(IceException.class);
            assertThat(a.state()).isEqualTo(IceSession.State.FAILED);
            assertThat(a.transport().sendPacket(new byte[] {(byte) 0x80}, 0, 1))
                    .isEqualTo(IceSendStatus.CLOSED);
            System.out.printf("wrong ice-pwd: %s after %d ms%n", fa.handle((p, e) -> e.getClass().getSimpleName())
                    .get(), elapsedMs);
        }
    }

    @Test
    void tcpCandidatesAreIgnoredAndIpv6OnesNeverPairedWithOurIpv4Address() throws Exception {
        try (IceSession a = left.newSession(); IceSession b = right.newSession()) {
            IceParameters real = b.localParameters();
            IceCandidate udp = real.candidates().get(0);
            List<IceCandidate> candidates = new ArrayList<>();
            // What Chromium's non-trickle offer and Meta's SDP carry besides the one usable candidate:
            candidates.add(IceCandidate.parse("candidate:3 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active"));
            candidates.add(IceCandidate.parse("candidate:4 1 udp 2113939711 2001:db8::1 3482 typ host"));
            candidates.add(IceCandidate.parse("candidate:5 1 UDP 2113937151 1b3f2c5e-7d4a.local 54400 typ host"));
            candidates.add(IceCandidate.parse("candidate:6 2 udp 2113937150 127.0.0.1 " + udp.port() + " typ host"));
            candidates.add(udp);
            IceParameters messy = new IceParameters(real.ufrag(), real.password(), candidates, false);

            CompletableFuture<IceSelectedPair> fa = a.start(messy, true);
            CompletableFuture<IceSelectedPair> fb = b.start(a.localParameters(), false);
            IceSelectedPair pair = fa.get(10, TimeUnit.SECONDS);
            fb.get(10, TimeUnit.SECONDS);

            assertThat(pair.remote().getPort()).isEqualTo(udp.port());
            // TCP, the mDNS name (never resolved) and component 2 (rtcp-mux) are ignored; IPv6 is kept but unpaired.
            assertThat(a.ignoredRemoteCandidates()).isEqualTo(3);
            // ice4j's initCheckList clears the list and rebuilds it: read it once it is populated.
            List<CandidatePair> pairs = List.of();
            for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2); pairs.isEmpty() && System.nanoTime() < end; ) {
                pairs = List.copyOf(a.agent().getStream("audio").getCheckList());
                if (pairs.isEmpty()) {
                    Thread.sleep(20);
                }
            }
            assertThat(pairs).isNotEmpty().noneMatch(p -> p.getRemoteCandidate().getTransportAddress().getAddress()
                    instanceof Inet6Address);
        }
    }

    @Test
    void aLiteRemoteWithNothingReachableFailsAtOnce() throws Exception {
        try (IceSession a = left.newSession()) {
            IceParameters meta = new IceParameters("wT1X", "h3hA9MPTwFBQ9w9ltyeSx1t0", List.of(
                    IceCandidate.parse("candidate:1 1 tcp 2113937151 31.13.65.130 3482 typ host"),
                    IceCandidate.parse("candidate:2 1 udp 2113939711 2a03:2880:f20d:c4:face:b00c:0:167 3482 typ host")),
                    true);
            long start = System.nanoTime();
            CompletableFuture<IceSelectedPair> f = a.start(meta, false);
            assertThatThrownBy(() -> f.get(1, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(IceChecksFailedException.class)
                    .hasMessageContaining("no candidate we can reach");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
            assertThat(a.stunReceived()).isZero();
        }
    }

    @Test
    void closingBeforeConnectingFailsTheFutureWithSessionClosed() {
        IceSession a = left.newSession();
        IceSession b = right.newSession();
        try {
            CompletableFuture<IceSelectedPair> f = a.start(b.localParameters(), true);
            a.close();
            assertThatThrownBy(() -> f.get(1, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(IceException.class);
            assertThat(a.state()).isEqualTo(IceSession.State.CLOSED);
            assertThatThrownBy(() -> a.start(b.localParameters(), true)).isInstanceOf(IllegalStateException.class);
        } finally {
            a.close();
            b.close();
        }
    }
}
