package dev.wacalls.media.ice;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where and how the engine offers ICE host candidates, and how long it waits for connectivity and consent. Immutable;
 * build one per engine and open one {@link IceEndpoint} with it.
 *
 * <pre>{@code
 * // A media server with one public IPv4 address, every call on UDP port 40000:
 * IceConfig config = IceConfig.builder()
 *         .localAddresses(List.of(InetAddress.getByName("10.0.0.12")))
 *         .singlePort(40000)
 *         .publicAddress(InetAddress.getByName("203.0.113.7"))   // 1:1 NAT, e.g. a cloud VM's elastic IP
 *         .build();
 *
 * // Tests: loopback, one ephemeral port for all sessions.
 * IceConfig loopback = IceConfig.builder().localAddresses(List.of(InetAddress.getLoopbackAddress())).build();
 * }</pre>
 *
 * <p>Ports: either <b>one UDP port shared by every session</b> ({@link Builder#singlePort}; the default, with port 0
 * meaning one ephemeral port chosen at {@link IceEndpoint#open}), demultiplexed by ICE username fragment and remote
 * address, or <b>one port per session</b> taken from a range ({@link Builder#portRange}). A single port is easiest to
 * open in a firewall; its one limit is that two concurrent sessions must not talk to the same remote address and
 * port, because nothing in DTLS or SRTP would tell them apart (Meta's relay normally gives each call its own).
 *
 * <p>Nothing here ever makes the SDK contact a host: there is no STUN or TURN server (Meta is ICE-lite and needs
 * neither, see its ICE rules), host names in remote candidates are ignored rather than resolved, and ice4j's cloud
 * metadata probe ({@link Builder#awsMetadataProbe}) stays off unless asked for.
 */
public final class IceConfig {
    /** Meta ends a call after 20 s without media; giving up on ICE after 10 s leaves time to report why. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** RFC 7675 §5.1: consent expires 30 s after the last successful consent check. */
    public static final Duration DEFAULT_CONSENT_TIMEOUT = Duration.ofSeconds(30);

    private final List<InetAddress> localAddresses;
    private final int singlePort;
    private final int minPort;
    private final int maxPort;
    private final boolean ephemeralPorts;
    private final @Nullable InetAddress publicAddress;
    private final Duration connectTimeout;
    private final Duration consentTimeout;
    private final boolean awsMetadataProbe;

    private IceConfig(Builder b) {
        this.localAddresses = b.localAddresses == null ? defaultLocalAddresses() : List.copyOf(b.localAddresses);
        if (localAddresses.isEmpty()) {
            throw new IllegalStateException("no local address to offer host candidates on: the machine has no "
                    + "non-loopback address that is up; set one with localAddresses(…)");
        }
        this.singlePort = b.singlePort;
        this.minPort = b.minPort;
        this.maxPort = b.maxPort;
        this.ephemeralPorts = b.ephemeralPorts;
        this.publicAddress = b.publicAddress;
        this.connectTimeout = b.connectTimeout;
        this.consentTimeout = b.consentTimeout;
        this.awsMetadataProbe = b.awsMetadataProbe;
        if (publicAddress != null && localAddresses.stream()
                .noneMatch(a -> (a instanceof Inet6Address) == (publicAddress instanceof Inet6Address))) {
            throw new IllegalStateException("public address " + publicAddress.getHostAddress()
                    + " has no local address of the same family to map");
        }
    }

    /** A builder with the defaults: every non-loopback address of the machine, one ephemeral shared port. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder newBuilder() {
        Builder b = new Builder().localAddresses(localAddresses).connectTimeout(connectTimeout)
                .consentTimeout(consentTimeout).awsMetadataProbe(awsMetadataProbe);
        if (ephemeralPorts) {
            b.ephemeralPorts();
        } else if (isSinglePort()) {
            b.singlePort(singlePort);
        } else {
            b.portRange(minPort, maxPort);
        }
        if (publicAddress != null) {
            b.publicAddress(publicAddress);
        }
        return b;
    }

    /** The addresses host candidates are offered on, one socket each. */
    public List<InetAddress> localAddresses() {
        return localAddresses;
    }

    /** Whether every session shares one port per local address. */
    public boolean isSinglePort() {
        return minPort == 0 && !ephemeralPorts;
    }

    /** Whether every session binds its own port, chosen by the OS ({@link Builder#ephemeralPorts()}). */
    public boolean isEphemeralPerSession() {
        return ephemeralPorts;
    }

    /** The shared port (0: ephemeral), meaningful when {@link #isSinglePort()}. */
    public int singlePort() {
        return singlePort;
    }

    /** Lowest port of the per-session range, 0 in single-port mode. */
    public int minPort() {
        return minPort;
    }

    /** Highest port of the per-session range, 0 in single-port mode. */
    public int maxPort() {
        return maxPort;
    }

    /** The public address of a 1:1 NAT in front of the local addresses, offered as a server-reflexive candidate. */
    public @Nullable InetAddress publicAddress() {
        return publicAddress;
    }

    /** How long a session waits for a nominated pair before failing with {@link IceTimeoutException}. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long without a consent response (RFC 7675) before {@link IceSession#consentLost()} completes. */
    public Duration consentTimeout() {
        return consentTimeout;
    }

    /** Whether ice4j may ask the AWS instance metadata service for a public address (off by default). */
    public boolean awsMetadataProbe() {
        return awsMetadataProbe;
    }

    @Override
    public String toString() {
        return "IceConfig[local=" + localAddresses.stream().map(InetAddress::getHostAddress).toList()
                + (ephemeralPorts ? ", ports=ephemeral per session"
                        : isSinglePort() ? ", port=" + singlePort : ", ports=" + minPort + "-" + maxPort)
                + (publicAddress == null ? "" : ", public=" + publicAddress.getHostAddress())
                + ", connectTimeout=" + connectTimeout + ", consentTimeout=" + consentTimeout
                + ", awsMetadataProbe=" + awsMetadataProbe + "]";
    }

    /**
     * The machine's addresses that can carry media: on interfaces that are up, not loopback, not link-local (a
     * link-local IPv6 address needs a scope the remote cannot know). Reading interfaces sends nothing on the network.
     */
    static List<InetAddress> defaultLocalAddresses() {
        LinkedHashSet<InetAddress> result = new LinkedHashSet<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nif.getInetAddresses())) {
                    if (!address.isLoopbackAddress() && !address.isLinkLocalAddress() && !address.isAnyLocalAddress()
                            && !address.isMulticastAddress()) {
                        result.add(address);
                    }
                }
            }
        } catch (SocketException e) {
            throw new IllegalStateException("cannot list the network interfaces", e);
        }
        return List.copyOf(result);
    }

    /**
     * Builds an {@link IceConfig}; every setter validates its argument at once.
     *
     * <pre>{@code
     * IceConfig config = IceConfig.builder().portRange(40000, 40999).connectTimeout(Duration.ofSeconds(8)).build();
     * }</pre>
     */
    public static final class Builder {
        private @Nullable List<InetAddress> localAddresses;
        private int singlePort;
        private int minPort;
        private int maxPort;
        private boolean ephemeralPorts;
        private @Nullable InetAddress publicAddress;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration consentTimeout = DEFAULT_CONSENT_TIMEOUT;
        private boolean awsMetadataProbe;

        private Builder() {}

        /**
         * The addresses to offer host candidates on. Loopback is allowed (ice4j's own harvester skips it; ours does
         * not), which is what tests use. Wildcard and multicast addresses are not.
         */
        public Builder localAddresses(List<InetAddress> addresses) {
            List<InetAddress> copy = new ArrayList<>();
            for (InetAddress a : addresses) {
                Objects.requireNonNull(a, "address");
                if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
                    throw new IllegalArgumentException("not a unicast host address: " + a.getHostAddress());
                }
                if (!copy.contains(a)) {
                    copy.add(a);
                }
            }
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("at least one local address is needed");
            }
            this.localAddresses = copy;
            return this;
        }

        /** One UDP port for every session on each local address; 0 picks an ephemeral one at open. */
        public Builder singlePort(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.singlePort = port;
            this.minPort = 0;
            this.maxPort = 0;
            this.ephemeralPorts = false;
            return this;
        }

        /**
         * One port per session and local address, picked by the OS and freed when the session closes: no two calls
         * ever share a 5-tuple, and no range needs choosing. For development and hosts without a firewall in front;
         * a firewall or NAT rule needs a {@link #portRange}.
         */
        public Builder ephemeralPorts() {
            this.ephemeralPorts = true;
            this.singlePort = 0;
            this.minPort = 0;
            this.maxPort = 0;
            return this;
        }

        /** One port per session and local address, taken from {@code [min, max]}; freed when the session closes. */
        public Builder portRange(int min, int max) {
            if (min < 1 || max > 65_535 || min > max) {
                throw new IllegalArgumentException("bad port range: " + min + "-" + max);
            }
            this.minPort = min;
            this.maxPort = max;
            this.singlePort = 0;
            this.ephemeralPorts = false;
            return this;
        }

        /**
         * The public address a 1:1 NAT maps the local addresses of the same family to; it is offered as a
         * server-reflexive candidate with the host candidate's port (ice4j's static mapping).
         */
        public Builder publicAddress(@Nullable InetAddress address) {
            if (address != null && (address.isAnyLocalAddress() || address.isMulticastAddress())) {
                throw new IllegalArgumentException("not a unicast address: " + address.getHostAddress());
            }
            this.publicAddress = address;
            return this;
        }

        /** Bound on connectivity checks; default {@link #DEFAULT_CONNECT_TIMEOUT}. */
        public Builder connectTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /** Consent expiry (RFC 7675); default {@link #DEFAULT_CONSENT_TIMEOUT}. Must exceed the check interval. */
        public Builder consentTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.consentTimeout = timeout;
            return this;
        }

        /**
         * Lets ice4j ask the AWS instance metadata service (an HTTP call to a link-local address) for the public
         * address. Off by default: the SDK contacts nothing on its own, and {@link #publicAddress} says the same
         * without a network call. The choice is JVM-wide (ice4j makes it once); see {@link IceEndpoint#open}.
         */
        public Builder awsMetadataProbe(boolean enabled) {
            this.awsMetadataProbe = enabled;
            return this;
        }

        /** The configuration. */
        public IceConfig build() {
            return new IceConfig(this);
        }
    }
}
