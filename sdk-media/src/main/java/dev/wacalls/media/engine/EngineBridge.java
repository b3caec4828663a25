package dev.wacalls.media.engine;

import dev.wacalls.call.MediaBridge;
import dev.wacalls.call.MediaLeg;
import dev.wacalls.media.bridge.LegBridge;
import dev.wacalls.media.record.CallRecorder;
import dev.wacalls.media.record.RecordingAnnouncement;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MediaBridge} of {@link WebRtcMediaEngine}: a {@link LegBridge} with the WhatsApp leg as A and the agent
 * leg as B. A leg belongs to at most one bridge; closing either leg closes the bridge.
 */
final class EngineBridge implements MediaBridge {
    private final EngineLeg whatsapp;
    private final EngineLeg agent;
    private volatile @Nullable LegBridge bridge;
    private final LegBridge.@Nullable Tap tap;
    private volatile boolean closed;

    private EngineBridge(EngineLeg whatsapp, EngineLeg agent, LegBridge.@Nullable Tap tap) {
        this.whatsapp = whatsapp;
        this.agent = agent;
        this.tap = tap;
    }

    static EngineBridge open(EngineLeg whatsapp, EngineLeg agent, LegBridge.@Nullable Tap tap) {
        EngineBridge b = new EngineBridge(whatsapp, agent, tap);
        // Claim both legs first, so that a leg never ends up in two bridges; undo on refusal.
        whatsapp.attach(b);
        try {
            agent.attach(b);
        } catch (RuntimeException e) {
            whatsapp.detach(b);
            throw e;
        }
        LegBridge.Builder builder = LegBridge.builder(whatsapp.raw(), agent.raw());
        if (tap != null) {
            builder.tap(LegBridge.Direction.A_TO_B, tap).tap(LegBridge.Direction.B_TO_A, tap);
        }
        synchronized (b) {
            // A leg may have ended (and closed this bridge) while it was being built: then the forwarding that was
            // just started must stop again, or it would outlive its bridge.
            LegBridge started = builder.start();
            b.bridge = started;
            if (b.closed) {
                started.close();
            }
        }
        return b;
    }

    @Override
    public MediaLeg whatsapp() {
        return whatsapp;
    }

    @Override
    public MediaLeg agent() {
        return agent;
    }

    /**
     * Plays {@code announcement} to the WhatsApp user once they can hear (connected and {@code startSending()}); the
     * recruiter's audio is held back meanwhile. Completes when played out (or when the bridge closes first).
     */
    CompletableFuture<Void> announce(RecordingAnnouncement announcement) {
        return whatsapp.engine().play(new Playout(this, announcement));
    }

    /** Whether this bridge records the call: the UI reminds the recruiter to tell the candidate. */
    @Override
    public boolean recording() {
        return !closed && tap instanceof CallRecorder recorder && !recorder.isClosed();
    }

    @Nullable LegBridge legBridge() {
        return bridge;
    }

    boolean isClosed() {
        return closed;
    }

    EngineLeg whatsappLeg() {
        return whatsapp;
    }

    EngineLeg agentLeg() {
        return agent;
    }

    /**
     * On the engine's timer: a recorder whose speakers both went quiet still gets its buffered audio written (its
     * own idle flush only runs when a packet of the other direction arrives).
     */
    void onTick(long nowNanos) {
        if (!closed && tap instanceof CallRecorder recorder) {
            recorder.flushIdle(nowNanos);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        LegBridge b = bridge;
        if (b != null) {
            b.close();
        }
        whatsapp.detach(this);
        agent.detach(this);
    }

    @Override
    public String toString() {
        return "EngineBridge[" + whatsapp.id() + " <-> " + agent.id() + ", " + bridge + "]";
    }
}
