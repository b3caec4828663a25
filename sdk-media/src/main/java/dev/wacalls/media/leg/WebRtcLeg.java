package dev.wacalls.media.leg;

import dev.wacalls.media.dtls.DtlsCertificate;
import dev.wacalls.media.dtls.DtlsEndpoint;
import dev.wacalls.media.dtls.DtlsFingerprint;
import dev.wacalls.media.dtls.DtlsHandshakeResult;
import dev.wacalls.media.dtls.DtlsRole;
import dev.wacalls.media.dtls.DtlsSession;
import dev.wacalls.media.ice.IceCandidate;
import dev.wacalls.media.ice.IceDatagramTransport;
import dev.wacalls.media.ice.IceEndpoint;
import dev.wacalls.media.ice.IceParameters;
import dev.wacalls.media.ice.IceSendStatus;
import dev.wacalls.media.ice.IceSession;
import dev.wacalls.media.rtp.BufferPool;
import dev.wacalls.media.rtp.PacketBuffer;
import dev.wacalls.media.rtp.DtmfDetector;
import dev.wacalls.media.rtp.PacketKind;
import dev.wacalls.media.rtp.RtcpStatus;
import dev.wacalls.media.rtp.RtpPacket;
import dev.wacalls.media.rtp.RtpStatus;
import dev.wacalls.media.rtp.TelephoneEvent;
import dev.wacalls.media.sdp.Attribute;
import dev.wacalls.media.sdp.Fingerprint;
import dev.wacalls.media.sdp.LocalDescription;
import dev.wacalls.media.sdp.MediaDescription;
import dev.wacalls.media.sdp.SdpParser;
import dev.wacalls.media.sdp.SdpWriter;
import dev.wacalls.media.sdp.SessionDescription;
import dev.wacalls.media.sdp.SetupRole;
import dev.wacalls.media.sdp.WhatsAppSdpRules;
import dev.wacalls.media.srtp.SrtpStatus;
import dev.wacalls.media.srtp.SrtpTransformer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebRTC audio leg terminated by us: it answers a remote offer (or makes an offer), runs ICE on an
 * {@link IceSession}, then the DTLS-SRTP handshake over the ICE transport, then protects what we {@link #send} and
 * unprotects what arrives, handing each authenticated RTP packet to a {@link RtpListener}.
 *
 * <pre>{@code
 * WebRtcLeg leg = WebRtcLeg.builder(iceEndpoint, certificate, executor)
 *         .onRtp(packet -> leg2.send(packet))          // e.g. forward to the other leg
 *         .build();
 * String answer = leg.answerOffer(remoteOffer);        // returns at once; ICE and DTLS run in the background
 * leg.connected().get(10, TimeUnit.SECONDS);           // keys agreed, RTP flows
 * }</pre>
 *
 * <p>Roles: as answerer we are ICE-controlled unless the offerer is ICE-lite (RFC 8445 §6.1.1: Meta's relay is
 * lite, a browser is not), and the DTLS client ({@code a=setup:active}, Meta's recommendation) unless built with
 * {@link Builder#answerPassive}; as offerer we say {@code actpass} and the answer decides.
 *
 * <p>Sending is allowed from the start unless built with {@link Builder#holdSending}: then only ICE and DTLS go out
 * until {@link #allowSending()} (WhatsApp takes the first media packet of a user-initiated call as the answer, so
 * nothing may leave before {@code accept} returned).
 *
 * <p>RTCP (RFC 3550): the leg keeps the session's statistics (loss, jitter, the peer's reports about our stream and
 * the round-trip time they give) and writes a compound SR or RR + SDES whenever its owner calls
 * {@link #sendReport(long)} — the engine does so for all legs from one timer, about once a second, which also keeps
 * WhatsApp's media-inactivity timer quiet while nobody speaks. {@link #close()} sends a BYE first.
 *
 * <p>Threads: the DTLS handshake blocks, so it runs as one task on the given executor. After it, the DTLS record
 * layer is read only when a DTLS datagram arrives (a server must answer a retransmitted client Finished, RFC 6347
 * §4.2.4; a {@code close_notify} arrives that way too): a short task on the same executor, so no thread stays with
 * the leg. Incoming RTP is unprotected and delivered on the ICE endpoint's I/O thread; {@link #send} may be called
 * from any thread, including from inside the listener.
 */
public final class WebRtcLeg implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebRtcLeg.class);
    /** telephone-event/8000 (RFC 4733 §2.5.1.5: durations in the stream's clock, 8 units per ms). */
    private static final int TELEPHONE_EVENT_UNITS_PER_MS = 8;
    /** Room for a compound SR + one report block + SDES + BYE, plus SRTCP's index and tag. */
    private static final int RTCP_BUFFER = 256;
    /** A DTLS drain task waits this long for more records before it returns its thread (BC's timeout unit). */
    private static final int DTLS_DRAIN_WAIT_MILLIS = 1;

    /** What we send before and after DTLS: never an exception, since a media path must not throw per packet. */
    public enum SendStatus {
        /** Protected and handed to the socket. */
        SENT,
        /** DTLS has not finished yet (or failed): there is no key to protect with. */
        NOT_CONNECTED,
        /** SRTP refused the packet (not RTP, or no room for the tag); see {@link SrtpStatus}. */
        SRTP_FAILED,
        /** ICE refused it: no selected pair, consent lost, or the socket dropped it. */
        ICE_FAILED,
        /** Sending is held until {@link #allowSending()}: the packet was not sent. */
        HELD,
        /** {@link #close()} was called. */
        CLOSED
    }

    /** Receives each authenticated, decrypted RTP packet. */
    @FunctionalInterface
    public interface RtpListener {
        /**
         * Called on the ICE endpoint's I/O thread; must not block. The buffer is the leg's and is released after the
         * call returns: copy what you keep. It may be rewritten and passed to {@link #send} of this or another leg
         * within the call (protecting in place is fine, it is not read again).
         */
        void onRtp(PacketBuffer packet);
    }

    private final IceEndpoint iceEndpoint;
    private final DtlsEndpoint dtls;
    private final Executor executor;
    private final Executor controlExecutor;
    private final int defaultTelephoneEventPayloadType;
    private final SetupRole answerSetup;
    // Volatile and settable so that a bridge can join legs that were built (and maybe negotiated) before it.
    private volatile @Nullable RtpListener listener;
    private final BufferPool pool;
    private final long localSsrc;
    private final Object sendLock = new Object();
    private final CompletableFuture<DtlsHandshakeResult> connected = new CompletableFuture<>();
    private final LegObserver observer;
    private final RtcpSession rtcp;
    private final DtmfDetector dtmf;
    private final AtomicBoolean dtlsDrainScheduled = new AtomicBoolean();
    private final Object dtlsReadLock = new Object();
    private volatile boolean sendingAllowed;
    private volatile boolean firstRtpSeen;
    private volatile boolean byeReported;

    private final AtomicLong rtpIn = new AtomicLong();
    private final AtomicLong rtcpIn = new AtomicLong();
    private final AtomicLong rtcpOut = new AtomicLong();
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong authFailures = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    private @Nullable IceSession ice;
    private @Nullable LocalDescription localOffer;
    private volatile @Nullable DtlsSession dtlsSession;
    // Written once by the DTLS task, then read by the I/O thread (receiving) and senders: volatile publishes them.
    private volatile @Nullable SrtpTransformer inbound;
    private volatile @Nullable SrtpTransformer outbound;
    private volatile boolean closed;
    // The payload types the far end sends and expects: set by answerOffer/applyAnswer, -1 until then (or if absent).
    private volatile int opusPayloadType = -1;
    private volatile int telephoneEventPayloadType = -1;

    private WebRtcLeg(Builder b) {
        this.iceEndpoint = b.iceEndpoint;
        this.dtls = b.dtls;
        this.executor = b.executor;
        this.controlExecutor = b.controlExecutor != null ? b.controlExecutor : b.executor;
        this.defaultTelephoneEventPayloadType = b.defaultTelephoneEventPayloadType;
        this.answerSetup = b.answerSetup;
        this.listener = b.listener;
        this.pool = b.pool != null ? b.pool : BufferPool.withDefaults();
        this.localSsrc = b.ssrc != null ? b.ssrc : new SecureRandom().nextLong(1, 0x1_0000_0000L);
        this.observer = b.observer;
        this.sendingAllowed = !b.holdSending;
        this.rtcp = new RtcpSession((int) localSsrc, RtpPacket.OPUS_CLOCK_RATE, b.clock);
        this.dtmf = new DtmfDetector((event, duration, volume, ts, endSeen) ->
                observer.onDtmf(TelephoneEvent.symbol(event), duration / TELEPHONE_EVENT_UNITS_PER_MS, endSeen));
    }

    /** A builder; the ICE endpoint is shared by legs, the certificate by the engine, the executor runs DTLS. */
    public static Builder builder(IceEndpoint iceEndpoint, DtlsCertificate certificate, Executor executor) {
        return new Builder(iceEndpoint, DtlsEndpoint.builder(certificate).build(), executor);
    }

    /** A builder with a configured DTLS endpoint (SRTP profiles, handshake timeout), shared by an engine's legs. */
    public static Builder builder(IceEndpoint iceEndpoint, DtlsEndpoint dtls, Executor executor) {
        return new Builder(iceEndpoint, dtls, executor);
    }

    /**
     * Answers a remote offer and starts ICE, then DTLS-SRTP once ICE has selected a pair. Returns as soon as the
     * answer is written; {@link #connected()} tells the outcome.
     *
     * @throws dev.wacalls.media.sdp.SdpParseException if the offer cannot be parsed
     * @throws IllegalArgumentException if the offer breaks the rules we need (no Opus, no fingerprint, no ICE
     *     credentials; see {@link WhatsAppSdpRules})
     * @throws IllegalStateException if this leg already made or answered an offer, or is closed
     */
    public synchronized String answerOffer(String remoteOfferSdp) {
        requireFresh();
        SessionDescription offer = SdpParser.parse(remoteOfferSdp);
        MediaDescription audio = checked(offer);
        // Before any ICE state exists: a fingerprint DTLS would refuse (sha-1 next to the sha-256) fails here cleanly.
        List<DtlsFingerprint> remoteFingerprints = fingerprints(audio);
        IceSession session = openIce();
        SdpWriter w = writer(session);
        LocalDescription answer = w.answer(offer);
        Integer te = answer.telephoneEventPayloadType();
        telephoneEventPayloadType = te != null ? te : defaultTelephoneEventPayloadType;
        opusPayloadType = answer.opusPayloadType();
        startIce(session, offer, audio, false);
        // Our own answer decides the DTLS role: active is the client, passive the server (RFC 5763 §5).
        startDtlsAfterIce(session, DtlsRole.forLocalSetup(answer.setup().sdpValue()), remoteFingerprints);
        return answer.sdp();
    }

    /**
     * Makes an offer ({@code a=setup:actpass}, controlling ICE once the answer arrives); finish with
     * {@link #applyAnswer}.
     */
    public synchronized String createOffer() {
        requireFresh();
        IceSession session = openIce();
        localOffer = writer(session).offer();
        return localOffer.sdp();
    }

    /**
     * Applies the remote answer to our {@link #createOffer() offer} and starts ICE, then DTLS.
     *
     * @throws IllegalArgumentException if the answer is not usable, or does not pick active or passive
     * @throws IllegalStateException if no offer was made
     */
    public synchronized String applyAnswer(String remoteAnswerSdp) {
        IceSession session = ice;
        if (localOffer == null || session == null || closed) {
            throw new IllegalStateException("applyAnswer needs an offer from createOffer on an open leg");
        }
        SessionDescription answer = SdpParser.parse(remoteAnswerSdp);
        MediaDescription audio = checked(answer);
        List<DtlsFingerprint> remoteFingerprints = fingerprints(audio);
        SetupRole theirs = audio.setup() != null ? audio.setup() : SetupRole.ACTIVE; // RFC 4145: default active
        DtlsRole ours = switch (theirs) {
            case ACTIVE -> DtlsRole.SERVER;
            case PASSIVE -> DtlsRole.CLIENT;
            default -> throw new IllegalArgumentException("an answer must say a=setup:active or passive, not " + theirs);
        };
        // RFC 3264 §6.1: the answer's numbers are the ones the answerer sends and expects for each codec.
        telephoneEventPayloadType = audio.codec("telephone-event", 8000).map(c -> c.payloadType())
                .orElse(defaultTelephoneEventPayloadType);
        opusPayloadType = audio.opus().orElseThrow().payloadType();
        startIce(session, answer, audio, true);
        startDtlsAfterIce(session, ours, remoteFingerprints);
        return remoteAnswerSdp;
    }

    /**
     * Protects the RTP packet in place (it gains the SRTP tag) and sends it on the selected pair. The caller keeps
     * the buffer: its content is ciphertext afterwards.
     */
    public SendStatus send(PacketBuffer rtp) {
        if (closed) {
            return SendStatus.CLOSED;
        }
        if (!sendingAllowed) {
            held.incrementAndGet();
            return SendStatus.HELD;
        }
        SrtpTransformer out = outbound;
        IceSession session = ice;
        if (out == null || session == null) {
            return SendStatus.NOT_CONNECTED;
        }
        // A transformer is not thread-safe (its rollover counter and replay state are per SSRC), and senders may be
        // several threads: serialise protect+send so packets also leave in the order they were numbered.
        synchronized (sendLock) {
            if (RtpPacket.validate(rtp.array(), rtp.offset(), rtp.length()) != RtpStatus.OK) {
                return SendStatus.SRTP_FAILED;
            }
            // Read before protecting (the payload gains a tag); counted for the SR only once it really left.
            long timestamp = RtpPacket.timestamp(rtp.array(), rtp.offset());
            int payload = RtpPacket.payloadLength(rtp.array(), rtp.offset(), rtp.length());
            if (out.transformRtp(rtp) != SrtpStatus.OK) {
                return SendStatus.SRTP_FAILED;
            }
            IceSendStatus s = session.transport().sendPacket(rtp.array(), rtp.offset(), rtp.length());
            if (s != IceSendStatus.SENT) {
                return s == IceSendStatus.CLOSED ? SendStatus.CLOSED : SendStatus.ICE_FAILED;
            }
            rtcp.onRtpSent(timestamp, payload, System.nanoTime());
        }
        return SendStatus.SENT;
    }

    /** Completes with the DTLS keys once SRTP is ready both ways, or fails with the ICE or DTLS exception. */
    public CompletableFuture<DtlsHandshakeResult> connected() {
        return connected;
    }

    /**
     * Lets media and RTCP go out from now on (a leg built with {@link Builder#holdSending} sends only ICE and DTLS
     * before). Idempotent.
     */
    public void allowSending() {
        sendingAllowed = true;
    }

    /** Whether {@link #send} may send now (it also needs the DTLS keys). */
    public boolean sendingAllowed() {
        return sendingAllowed;
    }

    /**
     * Sends our compound RTCP report now (SR or RR, with the report block about the peer's stream, SDES CNAME):
     * the engine's timer calls it about once a second for every leg. Never throws.
     *
     * @param nowNanos {@link System#nanoTime()}
     */
    public SendStatus sendReport(long nowNanos) {
        return sendRtcp(nowNanos, false);
    }

    private SendStatus sendRtcp(long nowNanos, boolean bye) {
        if (!sendingAllowed) {
            return SendStatus.HELD;
        }
        SrtpTransformer out = outbound;
        IceSession session = ice;
        if (out == null || session == null) {
            return closed ? SendStatus.CLOSED : SendStatus.NOT_CONNECTED;
        }
        PacketBuffer p = pool.acquire(RTCP_BUFFER);
        try {
            synchronized (sendLock) {
                if (rtcp.writeReport(p, nowNanos, bye) != RtcpStatus.OK || out.transformRtcp(p) != SrtpStatus.OK) {
                    return SendStatus.SRTP_FAILED;
                }
                IceSendStatus s = session.transport().sendPacket(p.array(), p.offset(), p.length());
                if (s != IceSendStatus.SENT) {
                    return s == IceSendStatus.CLOSED ? SendStatus.CLOSED : SendStatus.ICE_FAILED;
                }
            }
        } finally {
            p.release();
        }
        rtcpOut.incrementAndGet();
        return SendStatus.SENT;
    }

    /** The SSRC we announce in our SDP; what we send should carry it. */
    public long localSsrc() {
        return localSsrc;
    }

    /**
     * The Opus payload type negotiated with the far end: what it sends us and what {@link #send} should carry; -1
     * before an offer was answered or an answer applied.
     */
    public int opusPayloadType() {
        return opusPayloadType;
    }

    /** The {@code telephone-event/8000} payload type negotiated with the far end; -1 if none (or not negotiated yet). */
    public int telephoneEventPayloadType() {
        return telephoneEventPayloadType;
    }

    /**
     * Replaces the listener given to {@link Builder#onRtp} (null: count and drop). Takes effect from the next packet;
     * a packet being delivered at that moment may still reach the previous listener.
     */
    public void setRtpListener(@Nullable RtpListener listener) {
        this.listener = listener;
    }

    /** The ICE session, once an offer was made or answered. */
    public synchronized @Nullable IceSession iceSession() {
        return ice;
    }

    /** RTP packets that authenticated and were handed to the listener. */
    public long packetsIn() {
        return rtpIn.get();
    }

    /** RTCP packets that authenticated (not delivered: this leg does not interpret RTCP yet). */
    public long rtcpPacketsIn() {
        return rtcpIn.get();
    }

    /** RTP packets protected and sent. */
    public long packetsOut() {
        return rtcp.packetsSent();
    }

    /** RTCP compound packets protected and sent. */
    public long rtcpPacketsOut() {
        return rtcpOut.get();
    }

    /** RTP packets not sent because sending was held ({@link Builder#holdSending}). */
    public long packetsHeld() {
        return held.get();
    }

    /** RTP payload bytes received (authenticated). */
    public long bytesIn() {
        return rtcp.bytesReceived();
    }

    /** RTP payload bytes sent. */
    public long bytesOut() {
        return rtcp.bytesSent();
    }

    /** Packets of the peer's stream lost on the way to us (RFC 3550 A.3, cumulative). */
    public long packetsLost() {
        return rtcp.packetsLost();
    }

    /** Interarrival jitter of the peer's stream (RFC 3550 A.8), in ms. */
    public double jitterMillis() {
        return rtcp.jitterMillis();
    }

    /** Round-trip time from the peer's RTCP reports about our stream, in ms; -1 until known. */
    public double roundTripMillis() {
        return rtcp.roundTripMillis();
    }

    /** Cumulative loss of our stream as the peer reports it in RTCP. */
    public long remotePacketsLost() {
        return rtcp.remoteCumulativeLost();
    }

    /** Report blocks about our stream the peer sent (RTCP SR/RR). */
    public long remoteReports() {
        return rtcp.reportsReceived();
    }

    /** Authenticated RTCP packets that did not parse (counted, ignored). */
    public long malformedRtcp() {
        return rtcp.malformedRtcp();
    }

    /** SRTP/SRTCP packets that failed authentication: forged, corrupted, or keyed for another session. */
    public long authFailures() {
        return authFailures.get();
    }

    /** Media datagrams dropped for other reasons: before the keys, replays, malformed. */
    public long dropped() {
        return dropped.get();
    }

    /** Ends the leg: closes DTLS (sending {@code close_notify}), the ICE session and both SRTP contexts. Idempotent. */
    @Override
    public void close() {
        IceSession session;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            session = ice;
        }
        connected.completeExceptionally(new IllegalStateException("leg closed"));
        // A key press whose end packets were all lost is still reported (the detector is the I/O thread's, but the
        // handler is about to be removed; a packet in flight at this instant may race, at worst a duplicate press).
        dtmf.flush();
        if (outbound != null && sendingAllowed) {
            // RFC 3550 §6.6: say goodbye on the media path before the keys go; best effort, it is one datagram.
            SendStatus bye = sendRtcp(System.nanoTime(), true);
            log.debug("RTCP BYE on close: {}", bye);
        }
        DtlsSession d = dtlsSession;
        if (d != null) {
            d.close();
        }
        if (session != null) {
            session.setPacketHandler(null);
            session.close(); // also aborts a handshake still blocked in receive
        }
        synchronized (sendLock) {
            closeQuietly(outbound);
            outbound = null;
        }
        // The receiving transformer belongs to the I/O thread; the handler is unset, so no packet uses it any more
        // except one already in flight, which then sees a closed context and reports a failure status.
        closeQuietly(inbound);
        inbound = null;
    }

    @Override
    public String toString() {
        return "WebRtcLeg[ssrc=" + Long.toUnsignedString(localSsrc) + ", in=" + rtpIn + ", out=" + packetsOut()
                + ", authFailures=" + authFailures + ", connected=" + connected.isDone() + "]";
    }

    private void requireFresh() {
        if (closed || ice != null) {
            throw new IllegalStateException("a leg makes or answers one offer, once, while open");
        }
    }

    private static MediaDescription checked(SessionDescription remote) {
        var check = WhatsAppSdpRules.check(remote);
        try {
            return check.orThrow();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the remote SDP is not usable: " + check.errors(), e);
        }
    }

    private IceSession openIce() {
        IceSession session = iceEndpoint.newSession();
        ice = session;
        return session;
    }

    private SdpWriter writer(IceSession session) {
        IceParameters local = session.localParameters();
        SdpWriter.Builder b = SdpWriter.builder()
                .iceCredentials(local.ufrag(), local.password())
                .fingerprint(sdpFingerprint(dtls.certificate().fingerprint()))
                .ssrc(localSsrc)
                .setupWhenOfferIsActpass(answerSetup);
        for (IceCandidate c : local.candidates()) {
            if (c.isUdp()) {
                try {
                    // Our own candidates are IP literals (gathered from interfaces), so this never resolves a name.
                    b.hostCandidate(InetAddress.getByName(c.address()), c.port());
                } catch (UnknownHostException e) {
                    log.debug("skipping local candidate {}", c, e);
                }
            }
        }
        return b.build();
    }

    private static void startIce(IceSession session, SessionDescription remote, MediaDescription audio,
            boolean localIsOfferer) {
        List<IceCandidate> candidates = new ArrayList<>();
        for (Attribute a : audio.attributes("candidate")) {
            try {
                candidates.add(IceCandidate.parse(Objects.requireNonNull(a.value())));
            } catch (RuntimeException e) {
                log.debug("ignoring remote candidate {}", a, e); // one odd candidate must not fail the call
            }
        }
        IceParameters params = new IceParameters(Objects.requireNonNull(audio.iceUfrag()),
                Objects.requireNonNull(audio.icePwd()), candidates, remote.iceLite());
        session.start(params, localIsOfferer);
    }

    /** The remote's fingerprints as DTLS will trust them (weak hash functions refused there). */
    private static List<DtlsFingerprint> fingerprints(MediaDescription audio) {
        return audio.fingerprints().stream().map(f -> DtlsFingerprint.of(f.algorithm(), f.value())).toList();
    }

    private static Fingerprint sdpFingerprint(DtlsFingerprint ours) {
        return new Fingerprint(ours.hashFunction(), ours.digest());
    }

    private void startDtlsAfterIce(IceSession session, DtlsRole role, List<DtlsFingerprint> remoteFingerprints) {
        session.setPacketHandler(this::onMedia);
        session.connected().whenComplete((pair, iceFailure) -> {
            if (iceFailure != null) {
                connected.completeExceptionally(iceFailure);
                return;
            }
            executor.execute(() -> runDtls(session, role, remoteFingerprints));
        });
    }

    private void runDtls(IceSession session, DtlsRole role, List<DtlsFingerprint> remoteFingerprints) {
        DtlsSession d;
        try {
            d = dtls.handshake(role, session.transport(), remoteFingerprints);
        } catch (RuntimeException e) {
            connected.completeExceptionally(e);
            return;
        }
        DtlsHandshakeResult keys = d.result();
        synchronized (this) {
            if (closed) {
                d.close();
                return;
            }
            dtlsSession = d;
            inbound = SrtpTransformer.forReceiving(keys);
            outbound = SrtpTransformer.forSending(keys);
        }
        log.debug("DTLS {} done in {}: {} {}", role, keys.handshakeDuration(), keys.cipherSuite(), keys.srtpProfile());
        connected.complete(keys);
        // From now on the record layer is read only when a DTLS datagram arrives: BC answers a retransmitted flight
        // there, and notices close_notify. One drain now for what came in before the listener was set.
        session.setDtlsListener(this::scheduleDtlsDrain);
        scheduleDtlsDrain();
    }

    /** On the I/O thread: a DTLS datagram was queued after the handshake. Coalesces into one executor task. */
    private void scheduleDtlsDrain() {
        if (closed || !dtlsDrainScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            controlExecutor.execute(this::drainDtls);
        } catch (RuntimeException e) {
            dtlsDrainScheduled.set(false);
            log.debug("DTLS drain not scheduled (executor shut down?)", e);
        }
    }

    private void drainDtls() {
        dtlsDrainScheduled.set(false);
        DtlsSession d = dtlsSession;
        if (d == null || closed) {
            return;
        }
        boolean ended = false;
        synchronized (dtlsReadLock) {
            byte[] buf = new byte[IceDatagramTransport.RECEIVE_LIMIT];
            try {
                // Each call processes what is queued (answering a retransmitted Finished inside BC) and returns -1
                // after a millisecond without records.
                while (!closed && d.receive(buf, 0, buf.length, DTLS_DRAIN_WAIT_MILLIS) >= 0) {
                    log.debug("ignoring DTLS application data on a DTLS-SRTP leg");
                }
            } catch (Exception e) {
                ended = !closed;
                log.debug("DTLS record layer ended", e);
            }
            // BC answers a close_notify by closing its transport and returning -1, not by throwing.
            IceSession session = ice;
            if (!closed && (d.isClosed() || (session != null && session.transport().isClosed()))) {
                ended = true;
            }
        }
        if (ended) {
            observer.onDtlsClosed();
        }
    }

    /** On the I/O thread: RTP or RTCP (RFC 7983 first byte 128-191), told apart by payload type (RFC 5761 §4). */
    private void onMedia(byte[] buf, int off, int len) {
        SrtpTransformer in = inbound;
        if (in == null || len < 8) {
            dropped.incrementAndGet();
            return;
        }
        boolean rtcp = PacketKind.classify(buf, off, len) == PacketKind.RTCP;
        PacketBuffer p = pool.acquire(len);
        try {
            p.copyFrom(buf, off, len);
            SrtpStatus s = rtcp ? in.transformRtcp(p) : in.transformRtp(p);
            if (s != SrtpStatus.OK) {
                (s == SrtpStatus.AUTH_FAIL ? authFailures : dropped).incrementAndGet();
                return;
            }
            long now = System.nanoTime();
            if (rtcp) {
                rtcpIn.incrementAndGet();
                this.rtcp.onRtcpReceived(p.array(), p.offset(), p.length(), now);
                if (!byeReported && this.rtcp.byeReceived()) {
                    byeReported = true;
                    observer.onRemoteBye();
                }
                return;
            }
            rtpIn.incrementAndGet();
            byte[] a = p.array();
            int o = p.offset();
            this.rtcp.onRtpReceived(a, o, p.length(), now);
            if (!firstRtpSeen) {
                firstRtpSeen = true;
                observer.onFirstRtp();
            }
            int te = telephoneEventPayloadType;
            if (te >= 0 && RtpPacket.payloadType(a, o) == te) {
                dtmf.onPacket(RtpPacket.timestamp(a, o), a, RtpPacket.payloadOffset(a, o, p.length()),
                        RtpPacket.payloadLength(a, o, p.length()));
            }
            RtpListener l = listener;
            if (l != null) {
                l.onRtp(p);
            }
        } finally {
            p.release();
        }
    }

    private static void closeQuietly(@Nullable SrtpTransformer t) {
        if (t != null) {
            t.close();
        }
    }

    /** Collects a leg's collaborators and options. */
    public static final class Builder {
        private final IceEndpoint iceEndpoint;
        private final DtlsEndpoint dtls;
        private final Executor executor;
        private SetupRole answerSetup = SetupRole.ACTIVE;
        private @Nullable RtpListener listener;
        private @Nullable BufferPool pool;
        private @Nullable Long ssrc;
        private LegObserver observer = new LegObserver() {};
        private boolean holdSending;
        private Clock clock = Clock.systemUTC();
        private @Nullable Executor controlExecutor;
        private int defaultTelephoneEventPayloadType = -1;

        private Builder(IceEndpoint iceEndpoint, DtlsEndpoint dtls, Executor executor) {
            this.iceEndpoint = Objects.requireNonNull(iceEndpoint, "iceEndpoint");
            this.dtls = Objects.requireNonNull(dtls, "dtls");
            this.executor = Objects.requireNonNull(executor, "executor");
        }

        /** Answer an {@code actpass} offer with {@code passive}: we become the DTLS server. Default: active. */
        public Builder answerPassive(boolean passive) {
            this.answerSetup = passive ? SetupRole.PASSIVE : SetupRole.ACTIVE;
            return this;
        }

        /** Where decrypted incoming RTP goes; none by default (packets are counted and dropped). */
        public Builder onRtp(RtpListener listener) {
            this.listener = listener;
            return this;
        }

        /** The pool incoming packets are copied into; default: a private {@link BufferPool#withDefaults()}. */
        public Builder bufferPool(BufferPool pool) {
            this.pool = pool;
            return this;
        }

        /** The SSRC announced and sent with; default random (RFC 3550 §8.1). */
        public Builder ssrc(long ssrc) {
            this.ssrc = ssrc;
            return this;
        }

        /** Receives first-media, DTMF, BYE and DTLS-closed notices; none by default. */
        public Builder observer(LegObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * Sends nothing but ICE and DTLS until {@link WebRtcLeg#allowSending()}: RTP is refused with
         * {@link SendStatus#HELD}, RTCP waits. Default: send as soon as the keys are agreed.
         */
        public Builder holdSending(boolean hold) {
            this.holdSending = hold;
            return this;
        }

        /**
         * Where short control work runs — reading DTLS records that arrive after the handshake — so that it does not
         * queue behind blocking handshakes on the main executor. Default: the main executor.
         */
        public Builder controlExecutor(Executor control) {
            this.controlExecutor = Objects.requireNonNull(control, "control");
            return this;
        }

        /**
         * The telephone-event payload type to assume when the far end's SDP has none (-1: no DTMF then). Meta: DTMF
         * uses 126 even when the offer lacks the line.
         */
        public Builder defaultTelephoneEventPayloadType(int payloadType) {
            if (payloadType < -1 || payloadType > 127) {
                throw new IllegalArgumentException("payload type " + payloadType);
            }
            this.defaultTelephoneEventPayloadType = payloadType;
            return this;
        }

        /** The wall clock of RTCP's NTP timestamps (RTT needs it); default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The leg; nothing runs until an offer is made or answered. */
        public WebRtcLeg build() {
            return new WebRtcLeg(this);
        }
    }
}
