package dev.wacalls.media.engine;

import dev.wacalls.media.bridge.LegBridge;
import dev.wacalls.media.leg.WebRtcLeg;
import dev.wacalls.media.record.RecordingAnnouncement;
import dev.wacalls.media.rtp.BufferPool;
import dev.wacalls.media.rtp.PacketBuffer;
import dev.wacalls.media.rtp.RtpPacket;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One announcement being played to the WhatsApp user of one bridge: a packet per 20 ms tick of the engine's playout
 * clock, injected into the bridge's recruiter-to-candidate direction (which is held meanwhile), so that the candidate
 * hears it on the stream they already receive and the recording keeps it on the recruiter's channel.
 */
final class Playout {
    /** The prompt's own SSRC before rewriting: the bridge's rewriter sees a new source and keeps the stream continuous. */
    private static final int PROMPT_SSRC = 0x57_41_4E_4E; // "WANN"
    private static final int SAMPLES_PER_PACKET = 960;

    private final EngineBridge bridge;
    private final List<byte[]> packets;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private int next;
    private boolean started;
    private int waitingTicks;
    /** A minute of 20 ms ticks: if the candidate cannot hear by then (no startSending), the prompt is dropped. */
    private static final int MAX_WAITING_TICKS = 3_000;

    Playout(EngineBridge bridge, RecordingAnnouncement announcement) {
        this.bridge = bridge;
        this.packets = announcement.packets();
    }

    CompletableFuture<Void> done() {
        return done;
    }

    /**
     * On the playout tick. Waits until the WhatsApp leg may send (connected, and {@code startSending()} called);
     * then sends the next packet.
     *
     * @return true when finished (played out, or the bridge closed)
     */
    boolean tick(BufferPool pool) {
        LegBridge legs = bridge.legBridge();
        if (bridge.isClosed() || legs == null) {
            finish();
            return true;
        }
        WebRtcLeg candidate = bridge.whatsappLeg().raw();
        WebRtcLeg recruiter = bridge.agentLeg().raw();
        if (!started) {
            if (!candidate.sendingAllowed() || !candidate.connected().isDone() || recruiter.opusPayloadType() < 0) {
                if (++waitingTicks > MAX_WAITING_TICKS) {
                    finish();
                    return true;
                }
                return false;
            }
            started = true;
            legs.hold(LegBridge.Direction.B_TO_A, true);
        }
        byte[] opus = packets.get(next);
        PacketBuffer p = pool.acquire(RtpPacket.FIXED_HEADER_LENGTH + opus.length);
        try {
            byte[] a = p.array();
            int h = RtpPacket.writeHeader(a, p.offset(), next == 0, recruiter.opusPayloadType(), next,
                    (long) next * SAMPLES_PER_PACKET, PROMPT_SSRC);
            System.arraycopy(opus, 0, a, p.offset() + h, opus.length);
            p.setLength(h + opus.length);
            legs.inject(LegBridge.Direction.B_TO_A, p);
        } finally {
            p.release();
        }
        next++;
        if (next == packets.size()) {
            finish();
            return true;
        }
        return false;
    }

    void finish() {
        LegBridge legs = bridge.legBridge();
        if (legs != null) {
            legs.hold(LegBridge.Direction.B_TO_A, false);
        }
        done.complete(null);
    }
}
