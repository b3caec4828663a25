package dev.wacalls.media.engine;

import dev.wacalls.call.InvalidSdpException;
import dev.wacalls.call.LegKind;
import dev.wacalls.call.MediaEvent;
import dev.wacalls.call.MediaLeg;
import dev.wacalls.call.MediaLegState;
import dev.wacalls.call.MediaListener;
import dev.wacalls.call.MediaStats;
import dev.wacalls.media.dtls.DtlsFingerprintMismatchException;
import dev.wacalls.media.dtls.DtlsHandshakeException;
import dev.wacalls.media.dtls.DtlsHandshakeResult;
import dev.wacalls.media.ice.IceException;
import dev.wacalls.media.ice.IceSession;
import dev.wacalls.media.leg.LegObserver;
import dev.wacalls.media.leg.WebRtcLeg;
import dev.wacalls.media.rtp.TelephoneEvent;
import dev.wacalls.media.sdp.SdpNegotiationException;
import dev.wacalls.media.sdp.SdpParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MediaLeg} of {@link WebRtcMediaEngine}: a {@link WebRtcLeg} plus the state, events, RTCP and stats
 * schedule the lifecycle sees. State changes and the events that announce them happen under the leg's monitor, so
 * events reach the listener in the order of the states ({@code Connected} before {@code MediaFlowing}, exactly one
 * {@code Failed} or {@code Ended} last).
 */
final class EngineLeg implements MediaLeg, LegObserver {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EngineLeg.class);
    private final WebRtcMediaEngine engine;
    private final String id;
    private final LegKind kind;
    private final MediaListener listener;

    // Guarded by this; volatile for the per-packet readers (the recorder's payload-type suppliers).
    private volatile WebRtcLeg raw;
    // Written under this; volatile so that the timer can skip legs that are not live without taking the monitor
    // (which answerOffer holds across ICE gathering).
    private volatile MediaLegState state = MediaLegState.NEW;
    private boolean offered;
    private boolean firstRtpBeforeConnected;
    // Key presses decoded before Connected was announced (keys are installed a moment before): sent right after it.
    private final java.util.List<MediaEvent.Dtmf> dtmfBeforeConnected = new java.util.ArrayList<>(0);
    private long nextReportNanos;
    private long nextStatsNanos;
    private volatile @Nullable EngineBridge bridge;

    EngineLeg(WebRtcMediaEngine engine, String id, LegKind kind, MediaListener listener) {
        this.engine = engine;
        this.id = id;
        this.kind = kind;
        this.listener = listener;
        this.raw = newRaw();
    }

    private WebRtcLeg newRaw() {
        return WebRtcLeg.builder(engine.ice(kind), engine.dtls(), engine.handshakeExecutor())
                .controlExecutor(engine.controlExecutor())
                // Meta: "if the offer lacks telephone-event, DTMF still uses payload type 126".
                .defaultTelephoneEventPayloadType(kind == LegKind.WHATSAPP ? TelephoneEvent.WHATSAPP_PAYLOAD_TYPE : -1)
                .bufferPool(engine.pool())
                .clock(engine.clock())
                .observer(this)
                // Meta takes the first media packet of a user-initiated call as the answer: a WhatsApp leg holds
                // until startSending(), or until its own offer was answered (applyAnswer lifts it).
                .holdSending(kind == LegKind.WHATSAPP)
                .build();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public LegKind kind() {
        return kind;
    }

    WebRtcMediaEngine engine() {
        return engine;
    }

    /** The WebRTC leg underneath, for the bridge. */
    WebRtcLeg raw() {
        return raw;
    }

    @Override
    public synchronized String createOffer() {
        requireOpen();
        String offer = ports(raw::createOffer);
        offered = true;
        return offer;
    }

    @Override
    public void applyAnswer(String sdpAnswer) {
        WebRtcLeg leg;
        synchronized (this) {
            requireOpen();
            if (!offered || state != MediaLegState.NEW) {
                throw new IllegalStateException("leg " + id + ": applyAnswer needs an offer from createOffer, once");
            }
            leg = raw;
            sdp(() -> leg.applyAnswer(sdpAnswer));
            state = MediaLegState.CONNECTING;
            // Business-initiated call: media may flow as soon as the answer is applied (Meta's rule).
            leg.allowSending();
        }
        watch(leg);
    }

    @Override
    public String answerOffer(String sdpOffer) {
        WebRtcLeg leg;
        String answer;
        synchronized (this) {
            requireOpen();
            if (offered || state != MediaLegState.NEW) {
                throw new IllegalStateException("leg " + id + " already made or answered an offer");
            }
            leg = raw;
            try {
                answer = sdp(() -> ports(() -> leg.answerOffer(sdpOffer)));
            } catch (InvalidSdpException e) {
                // The raw leg may have opened an ICE session before the writer refused: start afresh, so that a bad
                // offer leaves nothing open and the leg can still answer another one.
                leg.close();
                raw = newRaw();
                throw e;
            }
            state = MediaLegState.CONNECTING;
        }
        watch(leg);
        return answer;
    }

    @Override
    public void startSending() {
        WebRtcLeg leg;
        synchronized (this) {
            if (state == MediaLegState.NEW) {
                // Before the answer exists there is nothing Meta could have accepted: sending now would break its rule.
                throw new IllegalStateException("leg " + id + ": startSending before an offer was answered or an "
                        + "answer applied");
            }
            leg = raw;
        }
        leg.allowSending();
    }

    @Override
    public MediaLegState state() {
        return state;
    }

    @Override
    public MediaStats stats() {
        WebRtcLeg r = raw();
        return new MediaStats(r.packetsOut(), r.packetsIn(), r.bytesOut(), r.bytesIn(), r.packetsLost(),
                r.jitterMillis(), r.roundTripMillis(), r.authFailures(), r.dropped());
    }

    @Override
    public void close() {
        end(false);
    }

    @Override
    public String toString() {
        return "EngineLeg[" + id + ", " + state + ", " + raw + "]";
    }

    // --- the WebRtcLeg's observer (I/O or DTLS thread) ----------------------------------------------------------

    @Override
    public synchronized void onFirstRtp() {
        if (state == MediaLegState.CONNECTED) {
            state = MediaLegState.FLOWING;
            emit(new MediaEvent.MediaFlowing(id, now()));
        } else if (state == MediaLegState.CONNECTING) {
            // Keys are installed a moment before the connected future completes: announce it right after Connected.
            firstRtpBeforeConnected = true;
        }
    }

    @Override
    public synchronized void onDtmf(char key, int durationMillis, boolean endSeen) {
        MediaEvent.Dtmf event = new MediaEvent.Dtmf(id, now(), key, Duration.ofMillis(durationMillis));
        if (state == MediaLegState.CONNECTED || state == MediaLegState.FLOWING) {
            emit(event);
        } else if (state == MediaLegState.CONNECTING) {
            dtmfBeforeConnected.add(event);
        }
    }

    /**
     * An RTCP BYE says that one of the peer's sources left (RFC 3550 §6.6), not the call: Chromium sends one when the
     * recruiter mutes with {@code replaceTrack(null)}. The leg ends on DTLS {@code close_notify} or lost consent.
     */
    @Override
    public void onRemoteBye() {
        log.debug("leg {}: the peer's source sent an RTCP BYE; the leg stays up", id);
    }

    @Override
    public void onDtlsClosed() {
        endByPeer();
    }

    /** Off the calling thread: closing a leg from the I/O thread would wait on that very thread for its sockets. */
    private void endByPeer() {
        try {
            engine.controlExecutor().execute(() -> end(true));
        } catch (RuntimeException e) {
            end(true); // the engine is shutting down; its close() ends every leg anyway
        }
    }

    // --- engine side ---------------------------------------------------------------------------------------------

    void attach(EngineBridge bridge) {
        synchronized (this) {
            if (this.bridge != null) {
                throw new IllegalArgumentException("leg " + id + " is already bridged");
            }
            requireOpen();
            this.bridge = bridge;
        }
    }

    void detach(EngineBridge bridge) {
        synchronized (this) {
            if (this.bridge == bridge) {
                this.bridge = null;
            }
        }
    }

    /** On the timer thread: RTCP and stats when due. */
    void onTick(long nowNanos) {
        MediaLegState seen = state;
        if (seen != MediaLegState.CONNECTED && seen != MediaLegState.FLOWING) {
            return; // without the monitor: answerOffer may hold it across ICE gathering
        }
        WebRtcLeg r;
        boolean report;
        boolean stats;
        synchronized (this) {
            if (state != MediaLegState.CONNECTED && state != MediaLegState.FLOWING) {
                return;
            }
            r = raw;
            report = nowNanos - nextReportNanos >= 0;
            if (report) {
                nextReportNanos = nowNanos + engine.reportIntervalNanos();
            }
            stats = nowNanos - nextStatsNanos >= 0;
            if (stats) {
                nextStatsNanos = nowNanos + engine.statsIntervalNanos();
            }
        }
        if (report) {
            r.sendReport(nowNanos); // a status; HELD before startSending, nothing to do about the others here
            EngineBridge b = bridge;
            if (b != null && kind == LegKind.WHATSAPP) {
                b.onTick(nowNanos); // once per bridge: only from its WhatsApp leg
            }
        }
        if (stats) {
            MediaStats s = stats();
            synchronized (this) {
                if (isLive()) {
                    emit(new MediaEvent.Stats(id, now(), s));
                }
            }
        }
    }

    private void watch(WebRtcLeg leg) {
        // On the control thread: a failure tears the leg down (ice4j's agent, sockets), which must not hold up the
        // thread that completed the future (the DTLS pool, the ICE callbacks).
        java.util.concurrent.Executor control = engine.controlExecutor();
        leg.connected().whenCompleteAsync((keys, failure) -> {
            if (failure != null) {
                fail(reasonOf(failure));
            } else {
                onConnected(keys);
            }
        }, control);
        IceSession session = leg.iceSession();
        if (session != null) {
            session.consentLost().thenAcceptAsync(silence -> fail("ICE consent lost: no answer to consent checks "
                    + "for " + silence.toSeconds() + " s (RFC 7675); the peer is gone or the path broke"), control);
        }
    }

    private synchronized void onConnected(DtlsHandshakeResult keys) {
        if (state != MediaLegState.CONNECTING) {
            return;
        }
        state = MediaLegState.CONNECTED;
        long now = System.nanoTime();
        nextReportNanos = now; // first report on the next tick: it also tells the peer our CNAME early
        nextStatsNanos = now + engine.statsIntervalNanos();
        emit(new MediaEvent.Connected(id, now(), keys.role() == dev.wacalls.media.dtls.DtlsRole.CLIENT
                ? "client" : "server", keys.srtpProfile().name()));
        if (firstRtpBeforeConnected) {
            state = MediaLegState.FLOWING;
            emit(new MediaEvent.MediaFlowing(id, now()));
        }
        dtmfBeforeConnected.forEach(this::emit);
        dtmfBeforeConnected.clear();
    }

    // The last event is sent once the leg's sockets, keys and bridge are released: a listener that sees Failed or
    // Ended may count on it. No other event can slip in between: the state is no longer live.
    private void fail(String reason) {
        WebRtcLeg leg;
        synchronized (this) {
            if (!isLive()) {
                return;
            }
            state = MediaLegState.FAILED;
            leg = raw;
        }
        finish(leg);
        emit(new MediaEvent.Failed(id, now(), reason));
    }

    private void end(boolean byPeer) {
        WebRtcLeg leg;
        synchronized (this) {
            if (state == MediaLegState.CLOSED || state == MediaLegState.FAILED) {
                return;
            }
            state = MediaLegState.CLOSED;
            leg = raw;
        }
        finish(leg);
        emit(new MediaEvent.Ended(id, now(), byPeer));
    }

    private void finish(WebRtcLeg leg) {
        EngineBridge b = bridge;
        if (b != null) {
            b.close();
        }
        leg.close();
        engine.remove(this);
    }

    private boolean isLive() {
        return state == MediaLegState.CONNECTING || state == MediaLegState.CONNECTED
                || state == MediaLegState.FLOWING;
    }

    private void requireOpen() {
        if (state == MediaLegState.CLOSED || state == MediaLegState.FAILED) {
            throw new IllegalStateException("leg " + id + " is " + state.name().toLowerCase());
        }
    }

    private void emit(MediaEvent event) {
        engine.deliver(this, () -> listener.onEvent(event));
    }

    private Instant now() {
        return engine.clock().instant();
    }

    /** Turns "no UDP port free" (an sdk-media type) into the IllegalStateException core's interface documents. */
    private <T> T ports(Supplier<T> step) {
        try {
            return step.get();
        } catch (dev.wacalls.media.ice.IcePortException e) {
            throw new IllegalStateException("leg " + id + ": no UDP port for ICE: " + e.getMessage(), e);
        }
    }

    /** Runs an SDP step of the raw leg, turning its refusals into core's {@link InvalidSdpException}. */
    private <T> T sdp(Supplier<T> step) {
        try {
            return step.get();
        } catch (SdpParseException | SdpNegotiationException | IllegalArgumentException e) {
            throw new InvalidSdpException("leg " + id + ": " + e.getMessage(), e);
        }
    }

    /** A sentence for {@link MediaEvent.Failed}: what failed, then the library's own words. */
    static String reasonOf(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof DtlsFingerprintMismatchException) {
            return "the peer's DTLS certificate does not match the fingerprint in its SDP: " + t.getMessage();
        }
        if (t instanceof DtlsHandshakeException) {
            return "DTLS failed: " + t.getMessage();
        }
        if (t instanceof IceException) {
            return "ICE failed: " + t.getMessage();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
