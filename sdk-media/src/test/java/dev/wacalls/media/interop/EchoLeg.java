package dev.wacalls.media.interop;

import dev.wacalls.media.dtls.DtlsCertificate;
import dev.wacalls.media.ice.IceEndpoint;
import dev.wacalls.media.leg.WebRtcLeg;
import dev.wacalls.media.rtp.RtpPacket;
import dev.wacalls.media.rtp.RtpRewriter;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link WebRtcLeg} that sends every packet it decrypts straight back, re-stamped with its own SSRC and a
 * continuous sequence and timestamp: a peer hearing its own audio proves both directions' keys and the RTP path.
 */
final class EchoLeg {
    final AtomicLong echoed = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final WebRtcLeg leg;
    private final RtpRewriter rewriter;

    EchoLeg(IceEndpoint ice, Executor dtls, boolean answerPassive) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long ssrc = r.nextLong(1, 1L << 32);
        this.rewriter = new RtpRewriter((int) ssrc, RtpPacket.OPUS_CLOCK_RATE, r.nextInt(1 << 16),
                r.nextLong(1L << 32));
        WebRtcLeg[] self = new WebRtcLeg[1];
        this.leg = WebRtcLeg.builder(ice, DtlsCertificate.generate(), dtls)
                .ssrc(ssrc)
                .answerPassive(answerPassive)
                .onRtp(packet -> {
                    // Same payload and payload type (the offer's Opus PT, which our answer mirrors), our SSRC.
                    if (rewriter.rewrite(packet, System.nanoTime()).isForwarded()
                            && self[0].send(packet) == WebRtcLeg.SendStatus.SENT) {
                        echoed.incrementAndGet();
                    } else {
                        failures.incrementAndGet();
                    }
                })
                .build();
        self[0] = leg;
    }
}
