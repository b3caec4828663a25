package dev.wacalls.media.leg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wacalls.media.dtls.DtlsCertificate;
import dev.wacalls.media.dtls.DtlsHandshakeResult;
import dev.wacalls.media.dtls.DtlsRole;
import dev.wacalls.media.ice.IceConfig;
import dev.wacalls.media.ice.IceEndpoint;
import dev.wacalls.media.rtp.BufferPool;
import dev.wacalls.media.rtp.PacketBuffer;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Two of our legs back to back over loopback: offer/answer, ICE, DTLS-SRTP, then RTP both ways. */
class WebRtcLegTest {
    private static final BufferPool POOL = BufferPool.withDefaults();

    @ParameterizedTest(name = "answerer passive {0}")
    @ValueSource(booleans = {false, true})
    void twoLegsAgreeOnKeysAndCarryRtpBothWays(boolean answerPassive) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        AtomicInteger atOfferer = new AtomicInteger();
        AtomicInteger atAnswerer = new AtomicInteger();
        // Two endpoints, as two machines would have: legs of one endpoint may share its sockets, and a datagram
        // from a socket to itself cannot be told apart by remote address.
        try (IceEndpoint left = loopback();
                IceEndpoint right = loopback();
                WebRtcLeg offerer = WebRtcLeg.builder(left, DtlsCertificate.generate(), pool)
                        .onRtp(p -> atOfferer.incrementAndGet()).build();
                WebRtcLeg answerer = WebRtcLeg.builder(right, DtlsCertificate.generate(), pool)
                        .answerPassive(answerPassive).onRtp(p -> atAnswerer.incrementAndGet()).build()) {
            assertThat(offerer.send(rtp(0, offerer.localSsrc()))).isEqualTo(WebRtcLeg.SendStatus.NOT_CONNECTED);
            String offer = offerer.createOffer();
            String answer = answerer.answerOffer(offer);
            offerer.applyAnswer(answer);
            DtlsHandshakeResult o = offerer.connected().get(15, TimeUnit.SECONDS);
            DtlsHandshakeResult a = answerer.connected().get(15, TimeUnit.SECONDS);
            assertThat(a.role()).isEqualTo(answerPassive ? DtlsRole.SERVER : DtlsRole.CLIENT);
            assertThat(o.role()).isNotEqualTo(a.role());
            assertThat(o.localMasterKey()).isEqualTo(a.remoteMasterKey());

            for (int i = 0; i < 60; i++) {
                assertThat(offerer.send(rtp(i, offerer.localSsrc()))).isEqualTo(WebRtcLeg.SendStatus.SENT);
                assertThat(answerer.send(rtp(i, answerer.localSsrc()))).isEqualTo(WebRtcLeg.SendStatus.SENT);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while ((atOfferer.get() < 60 || atAnswerer.get() < 60) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(atOfferer).hasValue(60);
            assertThat(atAnswerer).hasValue(60);
            assertThat(offerer.packetsIn()).isEqualTo(60);
            assertThat(offerer.packetsOut()).isEqualTo(60);
            assertThat(offerer.authFailures()).isZero();
            assertThat(answerer.authFailures()).isZero();

            answerer.close();
            assertThat(answerer.send(rtp(99, answerer.localSsrc()))).isEqualTo(WebRtcLeg.SendStatus.CLOSED);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anOfferWithoutOpusIsRefusedBeforeAnyIceStarts() {
        String noOpus = String.join("\r\n", "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "a=group:BUNDLE 0", "m=audio 9 UDP/TLS/RTP/SAVPF 0", "c=IN IP4 0.0.0.0", "a=mid:0",
                "a=ice-ufrag:abcd", "a=ice-pwd:abcdefghijklmnopqrstuvwx",
                "a=fingerprint:sha-256 " + DtlsCertificate.generate().fingerprint().hex(), "a=setup:actpass",
                "a=rtcp-mux", "a=rtpmap:0 PCMU/8000", "a=sendrecv", "") ;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (IceEndpoint ice = loopback();
                WebRtcLeg leg = WebRtcLeg.builder(ice, DtlsCertificate.generate(), pool).build()) {
            assertThatThrownBy(() -> leg.answerOffer(noOpus))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("opus");
            assertThat(leg.iceSession()).isNull();
        } finally {
            pool.shutdownNow();
        }
    }

    private static IceEndpoint loopback() {
        return IceEndpoint.open(IceConfig.builder().localAddresses(List.of(InetAddress.getLoopbackAddress())).build());
    }

    private static PacketBuffer rtp(int seq, long ssrc) {
        PacketBuffer p = POOL.acquire(32);
        byte[] b = new byte[32];
        b[0] = (byte) 0x80;
        b[1] = 111;
        b[2] = (byte) (seq >> 8);
        b[3] = (byte) seq;
        b[8] = (byte) (ssrc >>> 24);
        b[9] = (byte) (ssrc >>> 16);
        b[10] = (byte) (ssrc >>> 8);
        b[11] = (byte) ssrc;
        p.copyFrom(b, 0, b.length);
        return p;
    }
}
