package dev.wacalls.media.ice;

import java.beans.PropertyChangeEvent;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.NominationStrategy;
import org.ice4j.ice.RemoteCandidate;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.ice.harvest.HarvestStatistics;
import org.ice4j.ice.harvest.StaticMappingCandidateHarvester;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ICE for one media leg: one ice4j agent with one stream and one component (RTP and RTCP share it, {@code rtcp-mux}),
 * full ICE, no trickle. Created by {@link IceEndpoint#newSession()}, which gathers the host candidates before
 * returning; then the SDP exchange gives the remote's parameters to {@link #start}, and the returned future completes
 * with the nominated pair.
 *
 * <pre>{@code
 * try (IceSession ice = endpoint.newSession()) {
 *     IceParameters ours = ice.localParameters();          // ufrag, pwd, candidates for our SDP answer
 *     IceParameters meta = fromSdp(metaOffer);             // a=ice-lite: we will be controlling
 *     IceSelectedPair pair = ice.start(meta, false).get();
 *     ice.consentLost().thenRun(call::hangUpNoMedia);      // RFC 7675
 *     DtlsSession dtls = dtlsEndpoint.handshake(DtlsRole.CLIENT, ice.transport(), metaFingerprint);
 * }
 * }</pre>
 *
 * <p>Role (RFC 8445 §6.1.1): controlling when the remote is ICE-lite (always so with Meta, which also requires
 * regular nomination) or when we made the offer, controlled otherwise. If both sides still claim the same role, the
 * 487 Role Conflict exchange (RFC 8445 §7.3.1.1, always on in ice4j) settles it and {@link IceSelectedPair#role()}
 * tells the outcome. Nomination is regular (RFC 8445 §8.1.1): checks run until a pair is valid, then that pair is
 * checked again with USE-CANDIDATE.
 *
 * <p>Consent freshness (RFC 7675): once connected, ice4j sends a STUN consent check on the selected pair about every
 * 5 s; if no response arrives for {@link IceConfig#consentTimeout()} (30 s), {@link #consentLost()} completes, the
 * checks stop and sending is refused, as RFC 7675 §5.1 requires. Meta has no ICE restart: the call is over.
 *
 * <p>Threads: futures complete on the endpoint's callback executor. {@link IcePacketHandler} runs on the endpoint's
 * I/O thread. ice4j adds one "IceConnector" thread per local address of the session (its STUN stack reads each
 * socket with a blocking thread); it ends when the session closes.
 */
public final class IceSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IceSession.class);
    private static final AtomicLong IDS = new AtomicLong();
    /** The stream name is local to the agent; "audio" reads well in ice4j's logs. */
    private static final String STREAM = "audio";
    /** Time ice4j's own nominator gets before {@link #nominateIfStalled} steps in; it takes ~20 ms (one Ta). */
    private static final long STALLED_NOMINATION_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(200);
    /** DTLS datagrams waiting for the handshake: a flight is a handful of datagrams. */
    private static final int DTLS_QUEUE_CAPACITY = 32;

    /**
     * Where a session is in its life: {@code GATHERED → CHECKING → CONNECTED}, ending in {@code FAILED},
     * {@code CONSENT_LOST} or {@code CLOSED}.
     *
     * <pre>{@code
     * if (session.state() == IceSession.State.CONNECTED) {
     *     session.transport().sendPacket(rtcp, 0, rtcpLength);
     * }
     * }</pre>
     */
    public enum State {
        /** Candidates gathered, waiting for {@link #start}. */
        GATHERED,
        /** Connectivity checks running. */
        CHECKING,
        /** A pair is selected; media may flow. */
        CONNECTED,
        /** ICE failed or timed out. */
        FAILED,
        /** Consent expired after connecting (RFC 7675). */
        CONSENT_LOST,
        /** {@link #close()} ran. */
        CLOSED
    }

    private final long id = IDS.incrementAndGet();
    private final IceEndpoint endpoint;
    private final IceConfig config;
    private final Executor callbackExecutor;
    private final Agent agent;
    private final IceMediaStream stream;
    private final Component component;
    private final List<Leg> legs = new CopyOnWriteArrayList<>();
    private final UdpMux.Receiver receiver = this::onDatagram;
    private final IceParameters localParameters;
    private final CompletableFuture<IceSelectedPair> connected = new CompletableFuture<>();
    private final CompletableFuture<Duration> consentLost = new CompletableFuture<>();
    private final DatagramQueue dtlsQueue = new DatagramQueue(DTLS_QUEUE_CAPACITY, UdpMux.READ_BUFFER_SIZE);
    private final IceDatagramTransport transport;
    private final Set<InetSocketAddress> knownRemotes = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean agentFreed = new AtomicBoolean();
    private final Object lock = new Object();

    private volatile State state = State.GATHERED;
    private volatile @Nullable Leg selectedLeg;
    private volatile @Nullable InetSocketAddress selectedRemote;
    private volatile @Nullable IceSelectedPair selectedPair;
    private volatile @Nullable IcePacketHandler packetHandler;
    private volatile @Nullable Runnable dtlsListener;
    private volatile long startNanos;
    private volatile long deadlineNanos;
    private volatile long lastConsentNanos;

    private final AtomicLong stunReceived = new AtomicLong();
    private final AtomicLong dtlsReceived = new AtomicLong();
    private final AtomicLong mediaReceived = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicInteger ignoredRemoteCandidates = new AtomicInteger();

    /** One local address of the session: its port and the STUN socket ice4j uses on it. */
    private record Leg(UdpMux.Port port, StunSocket stun, HostCandidate candidate, boolean dedicated) {}

    IceSession(IceEndpoint endpoint, Executor callbackExecutor) {
        this.endpoint = endpoint;
        this.config = endpoint.config();
        this.callbackExecutor = callbackExecutor;
        this.transport = new IceDatagramTransport(this, dtlsQueue);
        this.agent = new Agent();
        try {
            // Our harvester only: ice4j's dynamic host harvester skips loopback and binds every other interface.
            agent.setUseDynamicPorts(false);
            agent.setTrickling(false);
            // Regular nomination (Meta's rule, RFC 8445 §8.1.1): nominate the first pair that checks succeed on.
            agent.setNominationStrategy(NominationStrategy.NOMINATE_FIRST_VALID);
            // Binding requests, not indications, on the selected pair: RFC 7675 consent, not mere keep-alive.
            agent.setPerformConsentFreshness(true);
            agent.addCandidateHarvester(new HostHarvester());
            agent.addStateChangeListener(this::onAgentStateChange);
            this.stream = agent.createMediaStream(STREAM);
            // No component socket: it would bind a wildcard socket and start a reader thread per candidate socket;
            // our I/O thread already demultiplexes (RFC 7983).
            this.component = createComponent(agent, stream);
            stream.addPairChangeListener(this::onPairChange);
            if (legs.isEmpty()) {
                throw new IllegalStateException("no host candidate could be gathered");
            }
            for (Leg leg : legs) {
                leg.port().bindUfrag(agent.getLocalUfrag(), receiver);
            }
            this.localParameters = new IceParameters(agent.getLocalUfrag(), agent.getLocalPassword(),
                    localCandidates(component), false);
        } catch (RuntimeException | Error e) {
            releaseResources();
            throw e;
        }
    }

    private static Component createComponent(Agent agent, IceMediaStream stream) {
        try {
            return agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, false);
        } catch (IOException e) {
            // ice4j declares it for its own harvester, which is not used; ours throws IcePortException.
            throw new IcePortException("gathering host candidates failed", e);
        }
    }

    /** Our ufrag, password and candidates, for the SDP writer. */
    public IceParameters localParameters() {
        return localParameters;
    }

    /**
     * Starts connectivity checks against the remote described by its SDP.
     *
     * @param remote the remote's ufrag, password, candidates and {@code a=ice-lite} flag; TCP candidates, other
     *     components, names instead of IP literals and port 0 are ignored
     * @param localIsOfferer whether our SDP was the offer (decides the role between two full agents)
     * @return {@link #connected()}
     * @throws IllegalStateException if already started or closed (a session that failed before its start returns
     *     its failed {@link #connected()} instead)
     */
    public CompletableFuture<IceSelectedPair> start(IceParameters remote, boolean localIsOfferer) {
        synchronized (lock) {
            if (state == State.FAILED) {
                return connected; // it already says why (e.g. a route conflict noticed before start)
            }
            if (state != State.GATHERED) {
                throw new IllegalStateException("cannot start an ICE session in state " + state);
            }
            state = State.CHECKING;
            startNanos = System.nanoTime();
            deadlineNanos = startNanos + config.connectTimeout().toNanos();
        }
        // RFC 8445 §6.1.1: a full agent facing a lite one controls; between full agents the offerer does.
        boolean controlling = remote.lite() || localIsOfferer;
        stream.setRemoteUfrag(remote.ufrag());
        stream.setRemotePassword(remote.password());
        int usable = 0;
        int reachable = 0;
        for (IceCandidate c : remote.candidates()) {
            InetAddress address = usableAddress(c);
            if (address == null) {
                ignoredRemoteCandidates.incrementAndGet();
                continue;
            }
            component.addRemoteCandidate(new RemoteCandidate(new TransportAddress(address, c.port(), Transport.UDP),
                    component, ice4jType(c.type()), c.foundation(), c.priority(), null));
            knownRemotes.add(new InetSocketAddress(address, c.port()));
            usable++;
            if (legs.stream().anyMatch(l -> sameFamily(l.port().local.getAddress(), address))) {
                reachable++;
            }
        }
        if (reachable == 0 && remote.lite()) {
            // A lite agent never sends checks, so no peer-reflexive pair can appear either: fail now, not at timeout.
            fail(new IceChecksFailedException("the ICE-lite remote offers no candidate we can reach (" + usable
                    + " usable UDP candidates, " + ignoredRemoteCandidates.get() + " ignored; our addresses: "
                    + legs.stream().map(l -> l.port().local.getAddress().getHostAddress()).toList() + ")"));
            return connected;
        }
        agent.setControlling(controlling);
        log.debug("ICE session {} starting as {} with {} remote candidates ({} ignored), remote lite={}", id,
                controlling ? "controlling" : "controlled", usable, ignoredRemoteCandidates.get(), remote.lite());
        agent.startConnectivityEstablishment();
        return connected;
    }

    /** Completes with the selected pair, or fails with an {@link IceException}. */
    public CompletableFuture<IceSelectedPair> connected() {
        return connected;
    }

    /**
     * Completes, with the time since the last consent, if consent expires after connecting (RFC 7675). Never
     * completes if the session is closed first; don't wait on it, chain a callback.
     */
    public CompletableFuture<Duration> consentLost() {
        return consentLost;
    }

    /**
     * The transport over the selected pair (DTLS, and {@link IceDatagramTransport#sendPacket} for SRTP). It exists
     * from the start, so a DTLS datagram that arrives just before our side completes is kept; sending needs a pair.
     */
    public IceDatagramTransport transport() {
        return transport;
    }

    /** Where RTP and RTCP datagrams from the selected remote go; {@code null} drops them (counted). */
    public void setPacketHandler(@Nullable IcePacketHandler handler) {
        this.packetHandler = handler;
    }

    /**
     * Called on the I/O thread each time a DTLS datagram was queued for {@link #transport()}; {@code null} for none.
     * Lets a leg read the DTLS record layer only when something arrived, instead of parking a thread on it for the
     * whole call. Must not block.
     */
    public void setDtlsListener(@Nullable Runnable listener) {
        this.dtlsListener = listener;
    }

    /** The current state. */
    public State state() {
        return state;
    }

    /** The selected pair once connected. */
    public @Nullable IceSelectedPair selectedPair() {
        return selectedPair;
    }

    /** Our current role (may change through a 487 Role Conflict while checking). */
    public IceRole role() {
        return agent.isControlling() ? IceRole.CONTROLLING : IceRole.CONTROLLED;
    }

    /** STUN datagrams handed to ice4j. */
    public long stunReceived() {
        return stunReceived.get();
    }

    /** DTLS datagrams queued for the transport. */
    public long dtlsReceived() {
        return dtlsReceived.get();
    }

    /** RTP/RTCP datagrams given to the packet handler. */
    public long mediaReceived() {
        return mediaReceived.get();
    }

    /** Datagrams dropped: from an address that is not the selected remote, no handler, or a full queue. */
    public long dropped() {
        return dropped.get() + dtlsQueue.dropped() + legs.stream().mapToLong(l -> l.stun().dropped()).sum();
    }

    /** Datagrams sent over the selected pair (STUN not included). */
    public long sent() {
        return sent.get();
    }

    /** Remote candidates that {@link #start} ignored (TCP, other component, name, port 0). */
    public int ignoredRemoteCandidates() {
        return ignoredRemoteCandidates.get();
    }

    IceSendStatus sendPacket(byte[] buf, int off, int len) {
        State s = state;
        if (s != State.CONNECTED) {
            return switch (s) {
                case GATHERED, CHECKING -> IceSendStatus.NOT_CONNECTED;
                case CONSENT_LOST -> IceSendStatus.CONSENT_LOST;
                default -> IceSendStatus.CLOSED;
            };
        }
        Leg leg = selectedLeg;
        InetSocketAddress remote = selectedRemote;
        if (leg == null || remote == null) {
            return IceSendStatus.NOT_CONNECTED;
        }
        try {
            if (!leg.port().send(buf, off, len, remote)) {
                return IceSendStatus.DROPPED;
            }
        } catch (IOException e) {
            log.debug("ICE session {}: send to {} failed", id, remote, e);
            return IceSendStatus.CLOSED;
        }
        sent.incrementAndGet();
        return IceSendStatus.SENT;
    }

    /** Called on the I/O thread for every datagram routed to this session. */
    private void onDatagram(UdpMux.Port port, int kind, byte[] buf, int off, int len, InetSocketAddress from) {
        if (state == State.CLOSED) {
            return;
        }
        if (kind == UdpMux.KIND_STUN) {
            Leg leg = legOf(port);
            if (leg != null && leg.stun().deliver(buf, off, len, from)) {
                stunReceived.incrementAndGet();
            }
            return;
        }
        InetSocketAddress remote = selectedRemote;
        // Before selection: only addresses from the SDP or that ice4j sent checks to (after authenticating theirs);
        // after it, the selected remote only (RFC 8445 §12: media goes over the selected pair).
        boolean accepted = remote != null ? remote.equals(from) : knownRemotes.contains(from);
        if (!accepted) {
            dropped.incrementAndGet();
            return;
        }
        if (kind == UdpMux.KIND_DTLS) {
            if (dtlsQueue.offer(buf, off, len, from)) {
                dtlsReceived.incrementAndGet();
                Runnable l = dtlsListener;
                if (l != null) {
                    try {
                        l.run();
                    } catch (RuntimeException e) {
                        log.warn("ICE session {}: the DTLS listener failed", id, e);
                    }
                }
            }
            return;
        }
        IcePacketHandler handler = packetHandler;
        if (handler == null || remote == null) {
            dropped.incrementAndGet();
            return;
        }
        try {
            handler.onPacket(buf, off, len);
            mediaReceived.incrementAndGet();
        } catch (RuntimeException e) {
            dropped.incrementAndGet();
            log.warn("ICE session {}: the packet handler failed", id, e);
        }
    }

    private @Nullable Leg legOf(UdpMux.Port port) {
        for (Leg leg : legs) {
            if (leg.port() == port) {
                return leg;
            }
        }
        return null;
    }

    private void onStunSend(UdpMux.Port port, InetSocketAddress remote) {
        if (state == State.CLOSED) {
            return;
        }
        knownRemotes.add(remote);
        if (!port.learnRemote(remote, receiver)) {
            fail(new IceRouteConflictException(port.local, remote));
            return;
        }
        if (state == State.CLOSED) {
            // An ice4j timer thread sent a check while close() was unbinding: take the route back.
            port.unbind(receiver);
        }
    }

    private void onAgentStateChange(PropertyChangeEvent event) {
        if (!Agent.PROPERTY_ICE_PROCESSING_STATE.equals(event.getPropertyName())) {
            return;
        }
        Object newState = event.getNewValue();
        if (newState == IceProcessingState.COMPLETED) {
            onCompleted();
        } else if (newState == IceProcessingState.FAILED) {
            fail(new IceChecksFailedException("ICE processing failed: every candidate pair failed its checks"
                    + " (wrong ice-pwd, or no reachable candidate)"));
        }
    }

    private void onCompleted() {
        CandidatePair pair = component.getSelectedPair();
        if (pair == null) {
            fail(new IceChecksFailedException("ICE completed without a selected pair"));
            return;
        }
        LocalCandidate local = pair.getLocalCandidate();
        LocalCandidate base = local.getBase() == null ? local : local.getBase();
        Leg leg = null;
        for (Leg l : legs) {
            if (l.candidate() == base || l.port().local.equals(plain(base.getTransportAddress()))) {
                leg = l;
            }
        }
        TransportAddress remoteAddress = pair.getRemoteCandidate().getTransportAddress();
        InetSocketAddress remote = plain(remoteAddress);
        IceSelectedPair result;
        synchronized (lock) {
            if (state != State.CHECKING) {
                return;
            }
            if (leg == null) {
                failLocked(new IceChecksFailedException("the selected pair's local candidate is not ours: " + local));
                return;
            }
            if (!leg.port().learnRemote(remote, receiver)) {
                // Another session took the same remote meanwhile: without the route no datagram would reach us.
                failLocked(new IceRouteConflictException(leg.port().local, remote));
                return;
            }
            selectedLeg = leg;
            selectedRemote = remote;
            lastConsentNanos = System.nanoTime();
            result = new IceSelectedPair(leg.port().local, remote, type(local.getType()),
                    type(pair.getRemoteCandidate().getType()), role(),
                    Duration.ofNanos(System.nanoTime() - startNanos));
            selectedPair = result;
            state = State.CONNECTED;
        }
        knownRemotes.add(remote);
        log.debug("ICE session {} connected in {} ms as {}: {} -> {}", id, result.elapsed().toMillis(),
                result.role(), result.local(), result.remote());
        completeLater(() -> connected.complete(result));
    }

    private void onPairChange(PropertyChangeEvent event) {
        if (IceMediaStream.PROPERTY_PAIR_CONSENT_FRESHNESS_CHANGED.equals(event.getPropertyName())
                && event.getSource() == component.getSelectedPair()) {
            // A success response to a consent check on the selected pair (RFC 7675 §5.1).
            lastConsentNanos = System.nanoTime();
        }
    }

    /** Called by the endpoint on its I/O thread about four times a second: timeouts and consent expiry. */
    void sweep(long now) {
        State s = state;
        if (s == State.CHECKING && now - deadlineNanos < 0) {
            nominateIfStalled();
        } else if (s == State.CHECKING) {
            fail(new IceTimeoutException(config.connectTimeout(), ignoredRemoteCandidates.get() == 0 ? ""
                    : " (" + ignoredRemoteCandidates.get() + " remote candidates were unusable)"));
        } else if (s == State.CONNECTED) {
            long silent = now - lastConsentNanos;
            if (silent > config.consentTimeout().toNanos()) {
                synchronized (lock) {
                    if (state != State.CONNECTED) {
                        return;
                    }
                    state = State.CONSENT_LOST;
                }
                Duration since = Duration.ofNanos(silent);
                log.info("ICE session {}: consent lost, no consent response for {} ms (RFC 7675)", id,
                        since.toMillis());
                // RFC 7675 §5.1: stop sending on the pair, consent checks included.
                completeLater(this::freeAgent);
                completeLater(() -> consentLost.complete(since));
            }
        }
    }

    /**
     * ice4j's nominator acts only on a "pair validated" event seen while controlling. An agent that becomes
     * controlling through a 487 Role Conflict (RFC 8445 §7.3.1.1) after its pair was validated never gets another
     * such event and would wait for the timeout; so if we control, hold a valid pair and none is nominated, nominate
     * the best valid pair ourselves (regular nomination, RFC 8445 §8.1.1).
     */
    private void nominateIfStalled() {
        if (!agent.isControlling() || System.nanoTime() - startNanos < STALLED_NOMINATION_NANOS) {
            return;
        }
        CandidatePair best = null;
        for (CandidatePair pair : List.copyOf(stream.getCheckList())) {
            if (pair.isNominated()) {
                return;
            }
            if (pair.isValid() && (best == null || pair.getPriority() > best.getPriority())) {
                best = pair;
            }
        }
        if (best != null) {
            log.debug("ICE session {}: controlling with a valid pair but no nomination, nominating {}", id,
                    best.toRedactedShortString());
            try {
                agent.nominate(best);
            } catch (IllegalStateException e) {
                // Lost the role again in between: the remote will nominate.
            }
        }
    }

    private void fail(IceException error) {
        synchronized (lock) {
            failLocked(error);
        }
    }

    private void failLocked(IceException error) {
        if (state != State.CHECKING && state != State.GATHERED) {
            return;
        }
        state = State.FAILED;
        log.debug("ICE session {} failed: {}", id, error.getMessage());
        completeLater(this::freeAgent);
        completeLater(() -> connected.completeExceptionally(error));
    }

    /** Runs on the callback executor: never on ice4j's threads or our I/O thread, where user code could block. */
    private void completeLater(Runnable action) {
        try {
            callbackExecutor.execute(action);
        } catch (RejectedExecutionException e) {
            action.run();
        }
    }

    private void freeAgent() {
        if (agentFreed.compareAndSet(false, true)) {
            try {
                // Stops checks and consent, frees candidates (closing our STUN sockets), ends ice4j's connectors.
                agent.free();
            } catch (RuntimeException e) {
                log.warn("ICE session {}: freeing the ice4j agent failed", id, e);
            }
        }
    }

    /** Frees the agent, the STUN queues, and this session's ports and routes; fails a pending start. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
        }
        releaseResources();
        if (!connected.isDone()) {
            connected.completeExceptionally(new IceSessionClosedException("ICE session closed before it connected"));
        }
    }

    private void releaseResources() {
        // Stop routing first, so no check reaches an agent that is being freed (ice4j would log it as a check on a
        // non-selected pair); then free the agent, which stops its connectors and closes our STUN sockets.
        for (Leg leg : legs) {
            leg.port().unbind(receiver);
        }
        freeAgent();
        dtlsQueue.close();
        boolean closedPort = false;
        for (Leg leg : legs) {
            leg.stun().close();
            if (leg.dedicated()) {
                leg.port().close();
                closedPort = true;
            }
        }
        endpoint.remove(this);
        if (closedPort) {
            // Ports of the range are reusable once the selector has dropped their keys.
            endpoint.mux().awaitLoop();
        }
    }

    @Override
    public String toString() {
        return "IceSession#" + id + "[" + state + ", ufrag=" + agent.getLocalUfrag() + "]";
    }

    int stunSocketCount() {
        return legs.size();
    }

    Agent agent() {
        return agent;
    }

    /** Adds our host candidates (and their statically mapped public twins) synchronously: no trickle. */
    private final class HostHarvester implements CandidateHarvester {
        private final HarvestStatistics statistics = new HarvestStatistics();

        @Override
        public java.util.Collection<LocalCandidate> harvest(Component component) {
            List<LocalCandidate> added = new ArrayList<>();
            for (InetAddress address : config.localAddresses()) {
                UdpMux.Port port = endpoint.sharedPort(address);
                boolean dedicated = port == null;
                if (dedicated) {
                    port = endpoint.openDedicatedPort(address, receiver);
                }
                StunSocket stun = new StunSocket(port, IceSession.this::onStunSend);
                HostCandidate candidate = new SessionHostCandidate(stun, component);
                legs.add(new Leg(port, stun, candidate, dedicated));
                if (component.addLocalCandidate(candidate)) {
                    added.add(candidate);
                }
                // One ice4j connector (thread) per socket, with no fixed remote: checks can go to any candidate.
                agent.getStunStack().addSocket(stun);
            }
            InetAddress publicAddress = config.publicAddress();
            if (publicAddress != null) {
                for (InetAddress address : config.localAddresses()) {
                    if (sameFamily(address, publicAddress)) {
                        // ice4j's static mapping, run here rather than as an agent harvester: those run on ice4j's
                        // unbounded global pool of non-daemon threads.
                        added.addAll(new StaticMappingCandidateHarvester(
                                new TransportAddress(publicAddress, 9, Transport.UDP),
                                new TransportAddress(address, 9, Transport.UDP)).harvest(component));
                    }
                }
            }
            return added;
        }

        @Override
        public HarvestStatistics getHarvestStatistics() {
            return statistics;
        }

        @Override
        public boolean isHostHarvester() {
            return true;
        }
    }

    /**
     * A host candidate on one of our sockets. ice4j's {@code getStunSocket} insists on its own socket classes and
     * throws otherwise; it is only reached on error paths (a consent check failing while the agent is freed), where
     * that exception would replace the real one in the log.
     */
    private static final class SessionHostCandidate extends HostCandidate {
        private final StunSocket stun;

        SessionHostCandidate(StunSocket stun, Component component) {
            super(stun, component, Transport.UDP);
            this.stun = stun;
        }

        @Override
        public org.ice4j.socket.IceSocketWrapper getStunSocket(@Nullable TransportAddress serverAddress) {
            return stun;
        }
    }

    private static List<IceCandidate> localCandidates(Component component) {
        List<IceCandidate> result = new ArrayList<>();
        for (LocalCandidate c : component.getLocalCandidates()) {
            TransportAddress ta = c.getTransportAddress();
            TransportAddress related = c.getType() == CandidateType.HOST_CANDIDATE ? null : c.getRelatedAddress();
            result.add(new IceCandidate(c.getFoundation(), IceCandidate.RTP_COMPONENT, "udp", c.getPriority(),
                    literal(ta.getAddress()), ta.getPort(), type(c.getType()),
                    related == null ? null : literal(related.getAddress()), related == null ? -1 : related.getPort()));
        }
        return List.copyOf(result);
    }

    /** The IP literal an SDP needs: no scope id, which means nothing to the remote. */
    static String literal(InetAddress address) {
        String s = address.getHostAddress();
        int scope = s.indexOf('%');
        return scope < 0 ? s : s.substring(0, scope);
    }

    /**
     * The address of a remote candidate we can use, or null: UDP only (the SDK has no ICE-TCP, and Chromium's
     * non-trickle offers carry a TCP candidate on port 9), component 1 only ({@code rtcp-mux}), a non-zero port,
     * and an IP literal — a name (e.g. mDNS {@code *.local}) would need a DNS query, which the SDK never makes.
     */
    static @Nullable InetAddress usableAddress(IceCandidate c) {
        if (!c.isUdp() || c.component() != IceCandidate.RTP_COMPONENT || c.port() == 0) {
            return null;
        }
        InetAddress address = parseIpLiteral(c.address());
        if (address == null || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return null;
        }
        return address;
    }

    /** Parses an IPv4 or IPv6 literal without ever resolving a name; null if it is not one. */
    static @Nullable InetAddress parseIpLiteral(String s) {
        if (s.isEmpty() || s.length() > 45) {
            return null;
        }
        if (s.indexOf(':') >= 0) {
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                boolean hex = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
                if (!hex && ch != ':' && ch != '.') {
                    return null;
                }
            }
        } else {
            String[] parts = s.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            for (String part : parts) {
                if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                        || Integer.parseInt(part) > 255) {
                    return null;
                }
            }
        }
        try {
            // Only literals reach here, and InetAddress parses a literal without any lookup.
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean sameFamily(InetAddress a, InetAddress b) {
        return (a instanceof Inet6Address && b instanceof Inet6Address)
                || (a instanceof Inet4Address && b instanceof Inet4Address);
    }

    private static InetSocketAddress plain(InetSocketAddress address) {
        return new InetSocketAddress(address.getAddress(), address.getPort());
    }

    private static CandidateType ice4jType(IceCandidateType type) {
        return switch (type) {
            case SERVER_REFLEXIVE -> CandidateType.SERVER_REFLEXIVE_CANDIDATE;
            case PEER_REFLEXIVE -> CandidateType.PEER_REFLEXIVE_CANDIDATE;
            case RELAYED -> CandidateType.RELAYED_CANDIDATE;
            case HOST, UNKNOWN -> CandidateType.HOST_CANDIDATE;
        };
    }

    private static IceCandidateType type(CandidateType type) {
        return switch (type) {
            case HOST_CANDIDATE -> IceCandidateType.HOST;
            case SERVER_REFLEXIVE_CANDIDATE, STUN_CANDIDATE -> IceCandidateType.SERVER_REFLEXIVE;
            case PEER_REFLEXIVE_CANDIDATE -> IceCandidateType.PEER_REFLEXIVE;
            case RELAYED_CANDIDATE -> IceCandidateType.RELAYED;
            default -> IceCandidateType.UNKNOWN;
        };
    }
}
