package dev.wacalls.media.ice;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One ICE candidate as the SDP carries it ({@code a=candidate:…}, RFC 8839 §5.1): what the SDP writer prints for
 * ours, and what the SDP parser hands over for the remote's.
 *
 * <pre>{@code
 * IceCandidate meta = IceCandidate.parse("candidate:1 1 udp 2113937151 31.13.65.130 3482 typ host generation 0");
 * String line = "a=" + ourCandidate.toSdpValue();
 * // a=candidate:1 1 udp 2130706431 10.0.0.12 40000 typ host
 * }</pre>
 *
 * <p>Tolerant: the protocol and address are kept as written, so a TCP candidate or an mDNS name ({@code
 * 5f3c….local}) survives parsing; the session then ignores what it cannot use (only UDP with an IP literal is used;
 * names are never resolved, so no DNS query leaves the machine).
 *
 * @param foundation the foundation (RFC 8445 §5.1.1.3)
 * @param component the component id; 1 is RTP, and with {@code rtcp-mux} the only one used
 * @param protocol the transport as written, e.g. {@code udp} or {@code tcp}
 * @param priority the 32-bit priority (RFC 8445 §5.1.2)
 * @param address the connection address as written: an IPv4 or IPv6 literal, or a name
 * @param port the port
 * @param type the candidate type
 * @param relatedAddress {@code raddr}, if present
 * @param relatedPort {@code rport}, or -1
 */
public record IceCandidate(String foundation, int component, String protocol, long priority, String address,
        int port, IceCandidateType type, @Nullable String relatedAddress, int relatedPort) {

    /** Component id of RTP (and, with rtcp-mux, of RTCP too). */
    public static final int RTP_COMPONENT = 1;

    /** Validates the fields. */
    public IceCandidate {
        Objects.requireNonNull(foundation, "foundation");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        if (foundation.isEmpty() || foundation.length() > 32) {
            throw new IllegalArgumentException("foundation must have 1-32 characters: '" + foundation + "'");
        }
        if (component < 1 || component > 256) {
            throw new IllegalArgumentException("component out of range: " + component);
        }
        if (priority < 0 || priority > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("priority out of range: " + priority);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (relatedPort < -1 || relatedPort > 65_535) {
            throw new IllegalArgumentException("related port out of range: " + relatedPort);
        }
    }

    /** A UDP candidate for component 1, without related address. */
    public static IceCandidate udp(String foundation, long priority, String address, int port, IceCandidateType type) {
        return new IceCandidate(foundation, RTP_COMPONENT, "udp", priority, address, port, type, null, -1);
    }

    /** Whether the transport is UDP (RFC 8839 says case-insensitive). */
    public boolean isUdp() {
        return "udp".equalsIgnoreCase(protocol);
    }

    /** The attribute value, without {@code a=}: {@code candidate:<foundation> <component> udp … typ host}. */
    public String toSdpValue() {
        StringBuilder sb = new StringBuilder(96).append("candidate:").append(foundation).append(' ')
                .append(component).append(' ').append(protocol.toLowerCase(Locale.ROOT)).append(' ')
                .append(priority).append(' ').append(address).append(' ').append(port).append(" typ ")
                .append(type.sdpName());
        if (relatedAddress != null) {
            sb.append(" raddr ").append(relatedAddress);
            if (relatedPort >= 0) {
                sb.append(" rport ").append(relatedPort);
            }
        }
        return sb.toString();
    }

    /**
     * Parses a candidate attribute, with or without the {@code a=} and {@code candidate:} prefixes. Extension
     * attributes ({@code generation}, {@code network-id}, {@code tcptype}, {@code ufrag}…) are skipped.
     *
     * @throws IllegalArgumentException if a mandatory field is missing or malformed
     */
    public static IceCandidate parse(String attribute) {
        String s = attribute.strip();
        if (s.startsWith("a=")) {
            s = s.substring(2);
        }
        if (s.regionMatches(true, 0, "candidate:", 0, 10)) {
            s = s.substring(10);
        }
        String[] t = s.trim().split("\\s+");
        if (t.length < 8 || !"typ".equalsIgnoreCase(t[6])) {
            throw new IllegalArgumentException("not a candidate attribute: '" + attribute + "'");
        }
        try {
            String relAddr = null;
            int relPort = -1;
            for (int i = 8; i + 1 < t.length; i += 2) {
                if ("raddr".equalsIgnoreCase(t[i])) {
                    relAddr = t[i + 1];
                } else if ("rport".equalsIgnoreCase(t[i])) {
                    relPort = Integer.parseInt(t[i + 1]);
                }
            }
            return new IceCandidate(t[0], Integer.parseInt(t[1]), t[2], Long.parseLong(t[3]), t[4],
                    Integer.parseInt(t[5]), IceCandidateType.fromSdp(t[7]), relAddr, relPort);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a candidate attribute: '" + attribute + "'", e);
        }
    }
}
