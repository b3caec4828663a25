package dev.wacalls.media.ice;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.ice4j.ice.AgentConfig;
import org.jspecify.annotations.Nullable;

/**
 * The ICE side of a media engine: the UDP sockets of an {@link IceConfig}, the one thread that reads them, and a
 * factory of {@link IceSession}s, one per call leg. Open one per engine and share it; close it at shutdown.
 *
 * <pre>{@code
 * try (IceEndpoint ice = IceEndpoint.open(IceConfig.builder().singlePort(40000).build())) {
 *     IceSession session = ice.newSession();               // host candidates gathered on return
 *     sdpAnswer.addIce(session.localParameters());
 *     session.start(remoteFromSdp, false).thenAccept(pair -> startDtls(session.transport()));
 * }
 * }</pre>
 *
 * <p>Opening it is the SDK's entry point to ice4j, and the place where ice4j's JVM-wide settings are made safe
 * before its first agent exists: no cloud-metadata probe (unless {@link IceConfig#awsMetadataProbe()}), no STUN
 * server, consent checks every 5 s (RFC 7675). An {@link IllegalStateException} says if ice4j was already set up
 * otherwise.
 *
 * <p>Threads: one daemon "wacalls-ice-io-N" per endpoint, which reads every socket (one selector), routes each
 * datagram (RFC 7983) and, four times a second, checks connect timeouts and consent. Completions of the sessions'
 * futures run on the callback executor (default: the common pool). ice4j adds, JVM-wide, its timer and cached
 * executor threads ("ice4j.Agent-…", "ice4j.StunClientTransaction-…", "ice4j.NetAccessManager-…", idle ones end
 * after 60 s) and one "IceConnector@…" thread per session socket.
 */
public final class IceEndpoint implements AutoCloseable {
    /** How often the I/O thread checks connect timeouts and consent expiry. */
    static final long TICK_MILLIS = 250;

    private final IceConfig config;
    private final Executor callbackExecutor;
    private final UdpMux mux;
    private final Map<InetAddress, UdpMux.Port> sharedPorts = new LinkedHashMap<>();
    private final Set<IceSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextPort;
    private volatile boolean closed;

    private IceEndpoint(IceConfig config, Executor callbackExecutor) throws IOException {
        this.config = config;
        this.callbackExecutor = callbackExecutor;
        this.nextPort = new AtomicInteger(config.minPort());
        this.mux = new UdpMux(this::sweep, TICK_MILLIS);
        if (config.isSinglePort()) {
            try {
                for (InetAddress address : config.localAddresses()) {
                    sharedPorts.put(address, mux.openShared(new InetSocketAddress(address, config.singlePort())));
                }
            } catch (IOException | RuntimeException e) {
                sharedPorts.values().forEach(UdpMux.Port::close);
                mux.close();
                throw e;
            }
        }
    }

    /** Opens an endpoint whose futures complete on {@link ForkJoinPool#commonPool()}. */
    public static IceEndpoint open(IceConfig config) {
        return open(config, ForkJoinPool.commonPool());
    }

    /**
     * Opens an endpoint.
     *
     * @param callbackExecutor where sessions complete their futures (and so where non-async dependents run)
     * @throws IcePortException if the single port cannot be bound
     * @throws IllegalStateException if ice4j is configured to contact a server (see the class comment), or if the
     *     consent timeout is not longer than ice4j's consent check interval
     */
    public static IceEndpoint open(IceConfig config, Executor callbackExecutor) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(callbackExecutor, "callbackExecutor");
        Ice4jGuard.ensure(config.awsMetadataProbe());
        java.time.Duration interval = AgentConfig.config.getConsentFreshnessInterval();
        // ice4j randomises the interval up to 1.2 times (RFC 7675 §5.1): a shorter timeout would expire consent on
        // a perfectly healthy pair.
        if (config.consentTimeout().compareTo(interval.multipliedBy(3).dividedBy(2)) <= 0) {
            throw new IllegalStateException("consent timeout " + config.consentTimeout() + " must exceed 1.5 times "
                    + "the consent check interval " + interval + " (" + Ice4jGuard.CONSENT_INTERVAL + ")");
        }
        try {
            return new IceEndpoint(config, callbackExecutor);
        } catch (IOException e) {
            throw new IcePortException("cannot bind the ICE port " + config.singlePort() + " on "
                    + config.localAddresses(), e);
        }
    }

    /** The configuration. */
    public IceConfig config() {
        return config;
    }

    /**
     * Creates a session and gathers its host candidates before returning (no trickle: Meta does not use it).
     *
     * @throws IcePortException in port-range mode, if no port of the range is free
     */
    public IceSession newSession() {
        if (closed) {
            throw new IllegalStateException("the ICE endpoint is closed");
        }
        IceSession session = new IceSession(this, callbackExecutor);
        sessions.add(session);
        if (closed) {
            session.close();
            throw new IllegalStateException("the ICE endpoint is closed");
        }
        return session;
    }

    /** In single-port mode, the bound address of each shared socket (useful with port 0); empty otherwise. */
    public List<InetSocketAddress> sharedAddresses() {
        List<InetSocketAddress> result = new ArrayList<>();
        sharedPorts.values().forEach(p -> result.add(p.local));
        return result;
    }

    /** Sessions created and not yet closed. */
    public int sessionCount() {
        return sessions.size();
    }

    /** UDP sockets open: the shared ones plus one per local address of each port-range session. */
    public int openSocketCount() {
        return mux.openPorts();
    }

    /** Datagrams dropped because no session claimed them (unknown ufrag or source address). */
    public long unroutableDatagrams() {
        return mux.unroutable();
    }

    /** Datagrams dropped because their first byte is no STUN, DTLS or RTP/RTCP (RFC 7983). */
    public long unclassifiedDatagrams() {
        return mux.unclassified();
    }

    /** Closes every session, the sockets and the I/O thread. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (IceSession session : List.copyOf(sessions)) {
            session.close();
        }
        sharedPorts.values().forEach(UdpMux.Port::close);
        mux.close();
    }

    @Override
    public String toString() {
        return "IceEndpoint[" + config + ", sessions=" + sessions.size() + "]";
    }

    UdpMux mux() {
        return mux;
    }

    @Nullable UdpMux.Port sharedPort(InetAddress address) {
        return sharedPorts.get(address);
    }

    /** Binds a port of the range for one session, starting after the last one handed out. */
    UdpMux.Port openDedicatedPort(InetAddress address, UdpMux.Receiver owner) {
        if (config.isEphemeralPerSession()) {
            try {
                return mux.openDedicated(new InetSocketAddress(address, 0), owner);
            } catch (IOException e) {
                throw new IcePortException("cannot bind an ephemeral UDP port on " + address.getHostAddress(), e);
            }
        }
        int span = config.maxPort() - config.minPort() + 1;
        IOException last = null;
        for (int i = 0; i < span; i++) {
            int port = nextPort.getAndUpdate(p -> p >= config.maxPort() ? config.minPort() : p + 1);
            try {
                return mux.openDedicated(new InetSocketAddress(address, port), owner);
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IcePortException("no free UDP port in " + config.minPort() + "-" + config.maxPort() + " on "
                + address.getHostAddress(), last == null ? new IOException("empty range") : last);
    }

    void remove(IceSession session) {
        sessions.remove(session);
    }

    private void sweep() {
        long now = System.nanoTime();
        for (IceSession session : sessions) {
            session.sweep(now);
        }
    }
}
