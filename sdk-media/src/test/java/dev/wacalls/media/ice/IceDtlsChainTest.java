package dev.wacalls.media.ice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wacalls.media.dtls.DtlsCertificate;
import dev.wacalls.media.dtls.DtlsEndpoint;
import dev.wacalls.media.dtls.DtlsHandshakeResult;
import dev.wacalls.media.dtls.DtlsRole;
import dev.wacalls.media.dtls.DtlsSession;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** ICE, then a DTLS-SRTP handshake over the ICE transport (client on one side, server on the other), then RTP. */
class IceDtlsChainTest {

    @Test
    void dtlsOverTheSelectedPairAgreesOnSrtpKeysAndRtpFlowsOnTheSamePort() throws Exception {
        DtlsEndpoint business = DtlsEndpoint.builder(DtlsCertificate.generate()).build();
        DtlsEndpoint meta = DtlsEndpoint.builder(DtlsCertificate.generate()).build();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (IceEndpoint left = IceTestSupport.openLoopback();
                IceEndpoint right = IceTestSupport.openLoopback();
                IceSession ours = left.newSession();
                IceSession theirs = right.newSession()) {
            AtomicInteger rtpAtOurs = new AtomicInteger();
            AtomicInteger rtpAtTheirs = new AtomicInteger();
            ours.setPacketHandler((buf, off, len) -> rtpAtOurs.incrementAndGet());
            theirs.setPacketHandler((buf, off, len) -> rtpAtTheirs.incrementAndGet());
            long t0 = System.nanoTime();
            IceTestSupport.connect(ours, theirs);
            long iceDone = System.nanoTime();

            // Meta's recommendation: the business is the DTLS client (a=setup:active).
            CompletableFuture<DtlsSession> server = CompletableFuture.supplyAsync(() -> meta.handshake(
                    DtlsRole.SERVER, theirs.transport(), business.certificate().fingerprint()), pool);
            CompletableFuture<DtlsSession> client = CompletableFuture.supplyAsync(() -> business.handshake(
                    DtlsRole.CLIENT, ours.transport(), meta.certificate().fingerprint()), pool);
            try (DtlsSession c = client.get(15, TimeUnit.SECONDS); DtlsSession s = server.get(15, TimeUnit.SECONDS)) {
                long dtlsDone = System.nanoTime();
                DtlsHandshakeResult ck = c.result();
                DtlsHandshakeResult sk = s.result();
                assertThat(ck.srtpProfile()).isEqualTo(sk.srtpProfile());
                assertThat(ck.localMasterKey()).isEqualTo(sk.remoteMasterKey());
                assertThat(ck.remoteMasterKey()).isEqualTo(sk.localMasterKey());
                System.out.printf("ICE %.1f ms, then DTLS %.1f ms (%s) over the ICE transport%n",
                        (iceDone - t0) / 1e6, (dtlsDone - iceDone) / 1e6, ck.srtpProfile());

                // SRTP-looking packets share the socket with DTLS and STUN (RFC 7983).
                for (int i = 0; i < 50; i++) {
                    assertThat(ours.transport().sendPacket(IceConnectTest.rtp(i), 0, 12)).isEqualTo(IceSendStatus.SENT);
                    assertThat(theirs.transport().sendPacket(IceConnectTest.rtp(i), 0, 12))
                            .isEqualTo(IceSendStatus.SENT);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                while ((rtpAtOurs.get() < 50 || rtpAtTheirs.get() < 50) && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(rtpAtTheirs).hasValue(50);
                assertThat(rtpAtOurs).hasValue(50);
                assertThat(ours.dtlsReceived()).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
