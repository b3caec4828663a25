package dev.wacalls.media.engine;

import dev.wacalls.call.LegKind;
import dev.wacalls.call.MediaBridge;
import dev.wacalls.call.MediaEngine;
import dev.wacalls.call.MediaLeg;
import dev.wacalls.call.MediaListener;
import dev.wacalls.media.bridge.LegBridge;
import dev.wacalls.media.dtls.DtlsCertificate;
import dev.wacalls.media.dtls.DtlsEndpoint;
import dev.wacalls.media.dtls.SrtpProtectionProfile;
import dev.wacalls.media.ice.IceConfig;
import dev.wacalls.media.ice.IceEndpoint;
import dev.wacalls.media.record.CallRecorder;
import dev.wacalls.media.record.RecordingAnnouncement;
import dev.wacalls.media.record.Speaker;
import dev.wacalls.media.rtp.BufferPool;
import dev.wacalls.media.srtp.AesProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media engine of sdk-media: core's {@link MediaEngine} over our own WebRTC stack (SDP, ICE with ice4j, DTLS
 * with BouncyCastle, SRTP with jitsi-srtp). One engine serves every call of the process.
 *
 * <pre>{@code
 * try (WebRtcMediaEngine engine = WebRtcMediaEngine.builder()
 *         .ice(IceConfig.builder().singlePort(40000).publicAddress(publicIp).build())          // browsers
 *         .whatsappIce(IceConfig.builder().portRange(40100, 40999).publicAddress(publicIp).build()) // Meta's relays
 *         .build()) {
 *     MediaLeg whatsapp = engine.newLeg(LegKind.WHATSAPP, events::publish);
 *     String answer = whatsapp.answerOffer(connectWebhook.sdp());
 *     client.calls().preAccept(callId, answer);
 *     MediaLeg browser = engine.newLeg(LegKind.AGENT, events::publish);
 *     String browserAnswer = browser.answerOffer(offerFromTheRecruitersBrowser);
 *     MediaBridge bridge = engine.bridge(whatsapp, browser, recorder);   // recorder: a LegBridge.Tap
 *     client.calls().accept(AcceptCallRequest.of(callId, answer));
 *     whatsapp.startSending();                                          // only now may media reach WhatsApp
 * }
 * }</pre>
 *
 * <h2>Threads — a fixed set, whatever the number of calls</h2>
 * <ul>
 *   <li>one ICE I/O thread per {@link IceEndpoint} (one, or two with {@link Builder#whatsappIce}) reads every socket
 *       and carries each packet through SRTP, the bridge, the taps and SRTP again;</li>
 *   <li>a pool of {@link Builder#handshakeThreads} DTLS threads runs the blocking handshakes (a few hundred ms each)
 *       and the rare DTLS records that arrive later; none stays with a call;</li>
 *   <li>one timer thread ticks every {@link #TICK} for all legs: RTCP reports (about once a second per leg: WhatsApp
 *       ends a call whose media path is silent for 20 s) and stats events;</li>
 *   <li>one event thread delivers {@link dev.wacalls.call.MediaEvent}s in order;</li>
 *   <li>one control thread runs short work off the hot threads: ICE completions, leg teardown, DTLS records that
 *       arrive after the handshake;</li>
 *   <li>one playout thread, only while a recording announcement plays (a packet per 20 ms);</li>
 *   <li>one recorder thread writes the recordings' pages (the I/O threads only hand it pooled copies).</li>
 * </ul>
 * ice4j adds, per ICE session, one "IceConnector" thread (its STUN stack reads each socket with a blocking thread) and
 * JVM-wide timer/cached threads: see {@link IceEndpoint}.
 *
 * <h2>Which leg sends when</h2>
 * A WhatsApp leg that answered an offer (a user-initiated call) sends only ICE and DTLS until
 * {@link MediaLeg#startSending()}; a WhatsApp leg whose offer was answered sends once the answer is applied; agent
 * legs send once connected. Media arriving from a bridged leg while the other is held is counted as held.
 */
public final class WebRtcMediaEngine implements MediaEngine {
    private static final Logger log = LoggerFactory.getLogger(WebRtcMediaEngine.class);
    /** The timer's period: RTCP and stats are due on multiples of it. Not per call, and never every few ms. */
    public static final Duration TICK = Duration.ofMillis(250);
    /** One Opus packet per tick while an announcement plays; the clock stops when none does. */
    static final Duration PLAYOUT_PERIOD = Duration.ofMillis(20);

    private final IceEndpoint ice;
    private final IceEndpoint whatsappIce;
    private final DtlsEndpoint dtls;
    private final BufferPool pool;
    private final Clock clock;
    private final Duration reportInterval;
    private final Duration statsInterval;
    private final ThreadPoolExecutor handshakes;
    private final ScheduledThreadPoolExecutor timer;
    private final ThreadPoolExecutor events;
    private final ThreadPoolExecutor control;
    private final ScheduledThreadPoolExecutor playout;
    private final ThreadPoolExecutor recorderIo;
    private final Set<EngineLeg> legs = ConcurrentHashMap.newKeySet();
    private final List<Playout> playouts = new java.util.ArrayList<>();
    private java.util.concurrent.@Nullable ScheduledFuture<?> playoutTask;
    private final AtomicLong nextId = new AtomicLong();
    private final AtomicLong eventFailures = new AtomicLong();
    private volatile boolean closed;

    private WebRtcMediaEngine(Builder b) {
        this.clock = b.clock;
        this.reportInterval = b.reportInterval;
        this.statsInterval = b.statsInterval;
        this.pool = b.pool != null ? b.pool : BufferPool.withDefaults();
        // Before any packet: otherwise jitsi-srtp picks its AES provider on the first packet, on the I/O thread.
        Duration aes = b.aesProvider.prepare();
        log.debug("AES provider {} ready in {} ms", b.aesProvider, aes.toMillis());
        this.dtls = DtlsEndpoint.builder(b.certificate != null ? b.certificate : DtlsCertificate.generate())
                .srtpProfiles(b.srtpProfiles)
                .handshakeTimeout(b.handshakeTimeout)
                .build();
        this.timer = new ScheduledThreadPoolExecutor(1, daemon("wacalls-media-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.handshakes = new ThreadPoolExecutor(b.handshakeThreads, b.handshakeThreads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon("wacalls-dtls"));
        this.handshakes.allowCoreThreadTimeOut(true);
        this.events = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemon("wacalls-media-events"));
        this.events.allowCoreThreadTimeOut(true);
        this.control = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemon("wacalls-media-control"));
        this.control.allowCoreThreadTimeOut(true);
        this.recorderIo = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemon("wacalls-recorder-io"));
        this.recorderIo.allowCoreThreadTimeOut(true);
        this.playout = new ScheduledThreadPoolExecutor(1, daemon("wacalls-media-playout"));
        this.playout.setKeepAliveTime(30, TimeUnit.SECONDS);
        this.playout.allowCoreThreadTimeOut(true);
        this.playout.setRemoveOnCancelPolicy(true);
        try {
            // ICE completions only schedule work (the DTLS task, an event): the control thread is enough for them.
            // The default gathers the machine's addresses: only now, so a builder given its own config never does.
            IceConfig config = b.ice != null ? b.ice : IceConfig.builder().build();
            this.ice = IceEndpoint.open(config, control);
            IceConfig waConfig = b.whatsappIce;
            if (waConfig == null && config.isSinglePort() && config.singlePort() == 0) {
                // No port was chosen for a firewall: give WhatsApp legs a port each rather than risk two calls
                // through one Meta relay port colliding on our shared one.
                waConfig = config.newBuilder().ephemeralPorts().build();
            }
            IceEndpoint wa = ice;
            if (waConfig != null) {
                try {
                    wa = IceEndpoint.open(waConfig, control);
                } catch (RuntimeException e) {
                    ice.close();
                    throw e;
                }
            }
            this.whatsappIce = wa;
            if (whatsappIce.config().isSinglePort()) {
                log.warn("WhatsApp legs share one UDP port ({}): two calls through the same Meta relay port would "
                        + "collide (the later one fails); give them a port range with whatsappIce(...)",
                        whatsappIce.config().singlePort());
            }
        } catch (RuntimeException e) {
            shutdownExecutors();
            throw e;
        }
        long tick = TICK.toNanos();
        timer.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.NANOSECONDS);
    }

    /** A builder with the defaults: ICE per {@link IceConfig#builder()} (the machine's addresses), a new certificate. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public MediaLeg newLeg(LegKind kind, MediaListener listener) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            throw new IllegalStateException("the media engine is closed");
        }
        String id = (kind == LegKind.WHATSAPP ? "wa-" : "agent-") + nextId.incrementAndGet();
        EngineLeg leg = new EngineLeg(this, id, kind, listener);
        legs.add(leg);
        if (closed) {
            leg.close();
            throw new IllegalStateException("the media engine is closed");
        }
        return leg;
    }

    @Override
    public MediaBridge bridge(MediaLeg whatsapp, MediaLeg agent) {
        return bridge(whatsapp, agent, null);
    }

    /**
     * Bridges the two legs with the call's recorder on both directions and, once the candidate can hear (connected,
     * and {@link MediaLeg#startSending()} called), plays them the recording announcement before the recruiter's
     * voice goes through. {@link MediaBridge#recording()} then says the call is recorded.
     *
     * @param announcement played once to the WhatsApp user; null for none
     */
    public MediaBridge bridge(MediaLeg whatsapp, MediaLeg agent, CallRecorder recorder,
            @Nullable RecordingAnnouncement announcement) {
        EngineBridge bridge = (EngineBridge) bridge(whatsapp, agent, recorder);
        if (announcement != null) {
            bridge.announce(announcement);
        }
        return bridge;
    }

    /**
     * Bridges the two legs with a tap on both directions, e.g. the call recorder: {@link LegBridge.Direction#A_TO_B}
     * is the WhatsApp user's voice (towards the recruiter), {@link LegBridge.Direction#B_TO_A} the recruiter's.
     *
     * @throws IllegalArgumentException if a leg is not this engine's, is of the wrong kind, or is already bridged
     */
    public MediaBridge bridge(MediaLeg whatsapp, MediaLeg agent, LegBridge.@Nullable Tap tap) {
        EngineLeg wa = own(whatsapp, LegKind.WHATSAPP);
        EngineLeg ag = own(agent, LegKind.AGENT);
        return EngineBridge.open(wa, ag, tap);
    }

    /**
     * Runs one throwaway call on loopback through this engine's DTLS endpoint — ICE checks, a DTLS handshake, SRTP
     * and RTCP both ways — so that the first real call does not pay for class loading, the native SRTP library and
     * cold code (measured: the first call of a JVM takes ~1.3 s from answer to media, later ones ~35 ms). Call it once
     * at start-up; it does not touch the engine's sockets or legs.
     *
     * @return how long it took
     * @throws IllegalStateException if the loopback call did not connect within the handshake timeout
     */
    public Duration warmUp() {
        long start = System.nanoTime();
        java.net.InetAddress loopback = java.net.InetAddress.getLoopbackAddress();
        IceConfig config = IceConfig.builder().localAddresses(List.of(loopback)).ephemeralPorts().build();
        try (IceEndpoint a = IceEndpoint.open(config, control);
                IceEndpoint b = IceEndpoint.open(config, control);
                dev.wacalls.media.leg.WebRtcLeg offerer =
                        dev.wacalls.media.leg.WebRtcLeg.builder(a, dtls, handshakes).bufferPool(pool).build();
                dev.wacalls.media.leg.WebRtcLeg answerer =
                        dev.wacalls.media.leg.WebRtcLeg.builder(b, dtls, handshakes).bufferPool(pool).build()) {
            offerer.applyAnswer(answerer.answerOffer(offerer.createOffer()));
            long timeout = dtls.handshakeTimeout().toMillis() + 5_000;
            offerer.connected().get(timeout, TimeUnit.MILLISECONDS);
            answerer.connected().get(timeout, TimeUnit.MILLISECONDS);
            for (int i = 0; i < 5; i++) {
                dev.wacalls.media.rtp.PacketBuffer p = pool.acquire(120);
                try {
                    int n = dev.wacalls.media.rtp.RtpPacket.writeHeader(p.array(), p.offset(), false,
                            offerer.opusPayloadType(), i, 960L * i, (int) offerer.localSsrc());
                    p.setLength(n + 60);
                    offerer.send(p);
                } finally {
                    p.release();
                }
            }
            offerer.sendReport(System.nanoTime());
            answerer.sendReport(System.nanoTime());
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the warm-up call on loopback did not connect: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while warming up", e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        log.info("media engine warmed up in {} ms", took.toMillis());
        return took;
    }

    /**
     * A recorder for the bridge of these two legs, ready to {@link CallRecorder.Builder#start() start}: the WhatsApp
     * leg's voice is the candidate's track, the agent leg's the recruiter's, and each direction's Opus payload type
     * is read from the legs. Pass it to {@link #bridge(MediaLeg, MediaLeg, LegBridge.Tap)}; the engine's timer then
     * also writes out audio a quiet call leaves buffered.
     *
     * <pre>{@code
     * CallRecorder recorder = engine.recorder(callId, root.resolve(folderOf(callId)), whatsapp, browser).start();
     * MediaBridge bridge = engine.bridge(whatsapp, browser, recorder);
     * ...
     * bridge.close();
     * recorder.close();
     * }</pre>
     */
    public CallRecorder.Builder recorder(String callId, java.nio.file.Path directory, MediaLeg whatsapp,
            MediaLeg agent) {
        EngineLeg wa = own(whatsapp, LegKind.WHATSAPP);
        EngineLeg ag = own(agent, LegKind.AGENT);
        // The tap sees packets already mapped to the receiving leg's numbering (see CallRecorder.Builder).
        return CallRecorder.builder(callId, directory)
                .ioExecutor(recorderIo) // the I/O threads never wait for the disk
                .legA(Speaker.CANDIDATE)
                .clock(clock)
                .opusPayloadTypes(() -> ag.raw().opusPayloadType(), () -> wa.raw().opusPayloadType());
    }

    /** Legs created and not yet closed (or failed). */
    public int legCount() {
        return legs.size();
    }

    /** The ICE endpoint of agent legs (and of WhatsApp legs unless they have their own): addresses, counters. */
    public IceEndpoint iceEndpoint() {
        return ice;
    }

    /** The ICE endpoint legs of {@code kind} use. */
    public IceEndpoint iceEndpoint(LegKind kind) {
        return kind == LegKind.WHATSAPP ? whatsappIce : ice;
    }

    /** Listener exceptions caught (a listener must not throw; each is logged once per leg). */
    public long eventFailures() {
        return eventFailures.get();
    }

    /** Closes every leg, the sockets and the engine's threads. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (EngineLeg leg : List.copyOf(legs)) {
            leg.close();
        }
        synchronized (playouts) {
            playouts.forEach(Playout::finish); // their callers may be waiting on done()
            playouts.clear();
        }
        if (whatsappIce != ice) {
            whatsappIce.close();
        }
        ice.close();
        shutdownExecutors();
    }

    @Override
    public String toString() {
        return "WebRtcMediaEngine[legs=" + legs.size() + ", " + ice + "]";
    }

    // --- for legs ---------------------------------------------------------------------------------------------

    IceEndpoint ice(LegKind kind) {
        return iceEndpoint(kind);
    }

    DtlsEndpoint dtls() {
        return dtls;
    }

    BufferPool pool() {
        return pool;
    }

    Clock clock() {
        return clock;
    }

    ExecutorService handshakeExecutor() {
        return handshakes;
    }

    /** Short control work — ICE completions, leg teardown, DTLS records after the handshake — off the hot threads. */
    ExecutorService controlExecutor() {
        return control;
    }

    long reportIntervalNanos() {
        return reportInterval.toNanos();
    }

    long statsIntervalNanos() {
        return statsInterval.toNanos();
    }

    /** Delivers an event on the event thread, in submission order; a listener's exception is contained. */
    void deliver(EngineLeg leg, Runnable delivery) {
        try {
            events.execute(() -> {
                try {
                    delivery.run();
                } catch (RuntimeException e) {
                    if (eventFailures.getAndIncrement() == 0 || log.isDebugEnabled()) {
                        log.warn("the media listener of {} threw; events keep flowing", leg.id(), e);
                    }
                }
            });
        } catch (RuntimeException e) {
            log.debug("event for {} dropped: the engine is shut down", leg.id(), e);
        }
    }

    void remove(EngineLeg leg) {
        legs.remove(leg);
    }

    /** Starts a prompt on the engine's 20 ms playout clock, which runs only while some prompt plays. */
    CompletableFuture<Void> play(Playout playout) {
        synchronized (playouts) {
            if (closed) {
                playout.finish(); // nothing plays on a closed engine; the bridge's legs are closed with it
                return playout.done();
            }
            playouts.add(playout);
            if (playoutTask == null) {
                long period = PLAYOUT_PERIOD.toNanos();
                // Its own thread: the timer may be busy with RTCP for many legs; a prompt's 20 ms must not slip.
                playoutTask = this.playout.scheduleAtFixedRate(this::playoutTick, 0, period, TimeUnit.NANOSECONDS);
            }
        }
        return playout.done();
    }

    private void playoutTick() {
        synchronized (playouts) {
            playouts.removeIf(p -> {
                try {
                    return p.tick(pool);
                } catch (RuntimeException e) {
                    log.warn("an announcement failed; the call goes on without it", e);
                    p.finish();
                    return true;
                }
            });
            if (playouts.isEmpty() && playoutTask != null) {
                playoutTask.cancel(false);
                playoutTask = null;
            }
        }
    }

    private EngineLeg own(MediaLeg leg, LegKind kind) {
        if (!(leg instanceof EngineLeg e) || e.engine() != this) {
            throw new IllegalArgumentException("leg " + leg.id() + " was not created by this engine");
        }
        if (e.kind() != kind) {
            throw new IllegalArgumentException("leg " + leg.id() + " is a " + e.kind() + " leg, expected " + kind);
        }
        return e;
    }

    private void tick() {
        long now = System.nanoTime();
        for (EngineLeg leg : legs) {
            try {
                leg.onTick(now);
            } catch (RuntimeException e) {
                log.warn("timer work for {} failed", leg.id(), e);
            }
        }
    }

    private void shutdownExecutors() {
        // Producers first, then the event thread: a leg ending on a pool thread still gets its last event out.
        timer.shutdownNow();
        playout.shutdownNow();
        handshakes.shutdownNow();
        control.shutdown();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
            playout.awaitTermination(1, TimeUnit.SECONDS);
            handshakes.awaitTermination(1, TimeUnit.SECONDS);
            if (!control.awaitTermination(2, TimeUnit.SECONDS)) {
                control.shutdownNow();
            }
            // Recorders still open finish their queued pages on their own thread when closed (see PageSink).
            recorderIo.shutdown();
            events.shutdown();
            if (!events.awaitTermination(1, TimeUnit.SECONDS)) {
                events.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            events.shutdownNow();
            control.shutdownNow();
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The engine's settings. */
    public static final class Builder {
        private @Nullable IceConfig ice;
        private @Nullable IceConfig whatsappIce;
        private @Nullable DtlsCertificate certificate;
        private List<SrtpProtectionProfile> srtpProfiles = List.of(
                SrtpProtectionProfile.AEAD_AES_128_GCM, SrtpProtectionProfile.AES_CM_128_HMAC_SHA1_80);
        private Duration handshakeTimeout = DtlsEndpoint.DEFAULT_HANDSHAKE_TIMEOUT;
        private int handshakeThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        private Duration reportInterval = Duration.ofSeconds(1);
        private Duration statsInterval = Duration.ofSeconds(5);
        private Clock clock = Clock.systemUTC();
        private @Nullable BufferPool pool;
        private AesProvider aesProvider = AesProvider.AUTO;

        private Builder() {}

        /**
         * jitsi-srtp's AES implementation (JVM-wide, see {@link AesProvider}); the choice is made when the engine is
         * built, never on a packet. Default {@link AesProvider#AUTO}: jitsi-srtp benchmarks the providers then.
         */
        public Builder aesProvider(AesProvider provider) {
            this.aesProvider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** Addresses, port(s), public address, timeouts of ICE. */
        public Builder ice(IceConfig ice) {
            this.ice = Objects.requireNonNull(ice, "ice");
            return this;
        }

        /**
         * A separate ICE configuration for WhatsApp legs, e.g. a port range while browsers share one port. Meta's
         * relays answer from a handful of fixed ports, so two WhatsApp calls on one shared port of ours can reach the
         * same relay 5-tuple, which DTLS and SRTP cannot tell apart; browsers use a new port per connection. Default:
         * the endpoint of {@link #ice} — except when that is one ephemeral shared port (no port was chosen), where
         * WhatsApp legs get an ephemeral port each ({@link IceConfig.Builder#ephemeralPorts()}).
         */
        public Builder whatsappIce(IceConfig whatsappIce) {
            this.whatsappIce = Objects.requireNonNull(whatsappIce, "whatsappIce");
            return this;
        }

        /** The DTLS certificate of every leg; default: an ECDSA P-256 one generated at build time. */
        public Builder certificate(DtlsCertificate certificate) {
            this.certificate = Objects.requireNonNull(certificate, "certificate");
            return this;
        }

        /** SRTP profiles offered in DTLS, preferred first; default GCM, then AES_CM_128_HMAC_SHA1_80. */
        public Builder srtpProfiles(List<SrtpProtectionProfile> profiles) {
            if (profiles.isEmpty()) {
                throw new IllegalArgumentException("at least one SRTP profile");
            }
            this.srtpProfiles = List.copyOf(profiles);
            return this;
        }

        /** How long a DTLS handshake may take; default 10 s. */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Threads that run DTLS handshakes (each blocks its thread for the handshake, a few hundred ms): more allow
         * more calls to set up at once. Default: the number of processors, at least 2.
         */
        public Builder handshakeThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("handshakeThreads < 1: " + threads);
            }
            this.handshakeThreads = threads;
            return this;
        }

        /** How often each leg sends an RTCP report; default 1 s (rounded up to the engine's 250 ms tick). */
        public Builder reportInterval(Duration interval) {
            if (interval.compareTo(TICK) < 0) {
                throw new IllegalArgumentException("reportInterval below the engine tick " + TICK + ": " + interval);
            }
            this.reportInterval = interval;
            return this;
        }

        /** How often each leg reports a {@link dev.wacalls.call.MediaEvent.Stats} event; default 5 s. */
        public Builder statsInterval(Duration interval) {
            if (interval.compareTo(TICK) < 0) {
                throw new IllegalArgumentException("statsInterval below the engine tick " + TICK + ": " + interval);
            }
            this.statsInterval = interval;
            return this;
        }

        /** The wall clock of events and RTCP; default UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The packet buffers; default {@link BufferPool#withDefaults()}. */
        public Builder bufferPool(BufferPool pool) {
            this.pool = Objects.requireNonNull(pool, "pool");
            return this;
        }

        /**
         * Opens the engine's sockets and threads.
         *
         * @throws dev.wacalls.media.ice.IcePortException if the configured port cannot be bound
         */
        public WebRtcMediaEngine build() {
            return new WebRtcMediaEngine(this);
        }
    }
}
