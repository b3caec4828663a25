package dev.wacalls.media.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An ICE candidate, {@code a=candidate} (RFC 8839 §5.1), with its extension attributes.
 *
 * <p>TCP candidates (RFC 6544) are read like any other and say so with {@link #isTcp()}: libwebrtc puts a
 * {@code tcptype active} candidate on port 9 in every non-trickle offer, and the engine, which speaks ICE over UDP
 * only, skips them. Addresses are kept as written: IPv4, IPv6, or a host name such as an mDNS {@code .local} name.
 *
 * <pre>{@code
 * Candidate c = Candidate.parse(
 *         "candidate:1972637320 1 udp 2113937151 31.13.65.60 40012 typ host generation 0 network-cost 50");
 * c.address();                  // "31.13.65.60"
 * c.extensions().get("generation"); // "0"
 * }</pre>
 *
 * @param transport lower-case ({@code udp}, {@code tcp}, …); RFC 8839 compares it case-insensitively
 * @param priority 0 to 2^32-1
 * @param relatedAddress {@code raddr}, for reflexive and relayed candidates
 * @param relatedPort {@code rport}, for reflexive and relayed candidates
 * @param extensions the {@code name value} pairs after the type, in order ({@code generation}, {@code ufrag},
 *     {@code network-cost}, {@code tcptype}, …); a trailing name without value maps to ""
 */
public record Candidate(
        String foundation,
        int component,
        String transport,
        long priority,
        String address,
        int port,
        CandidateType type,
        @Nullable String relatedAddress,
        @Nullable Integer relatedPort,
        Map<String, String> extensions) {
    public Candidate {
        Objects.requireNonNull(foundation, "foundation");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        transport = transport.toLowerCase(Locale.ROOT);
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    /**
     * Reads one candidate: the attribute value, with or without the {@code a=} and {@code candidate:} prefixes (a
     * trickled candidate arrives as {@code candidate:…}).
     *
     * @throws SdpParseException (line 0) naming the bad field
     */
    public static Candidate parse(String line) {
        String v = line.strip();
        if (v.startsWith("a=")) {
            v = v.substring(2);
        }
        if (v.regionMatches(true, 0, "candidate:", 0, "candidate:".length())) {
            v = v.substring("candidate:".length());
        }
        try {
            return parseValue(v);
        } catch (IllegalArgumentException e) {
            throw new SdpParseException(0, e.getMessage(), line);
        }
    }

    /** Parses the value after {@code candidate:}; IllegalArgumentException carries the problem in words. */
    static Candidate parseValue(String value) {
        String[] f = Tokens.fields(value);
        if (f.length < 8) {
            throw new IllegalArgumentException("candidate needs at least 8 fields, has " + f.length);
        }
        String foundation = f[0];
        if (!Tokens.isIceChars(foundation)) {
            throw new IllegalArgumentException("bad candidate foundation '" + foundation + "'");
        }
        long component = Tokens.unsigned(f[1], 3);
        if (component < 1) {
            throw new IllegalArgumentException("bad candidate component '" + f[1] + "'");
        }
        if (!Tokens.isToken(f[2])) {
            throw new IllegalArgumentException("bad candidate transport '" + f[2] + "'");
        }
        long priority = Tokens.unsigned(f[3], 10);
        if (priority < 0 || priority > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("bad candidate priority '" + f[3] + "'");
        }
        String address = f[4];
        int port = port(f[5], "bad candidate port");
        if (!f[6].equalsIgnoreCase("typ")) {
            throw new IllegalArgumentException("expected 'typ' after the candidate port, found '" + f[6] + "'");
        }
        CandidateType type = CandidateType.lookup(f[7]);
        String raddr = null;
        Integer rport = null;
        int i = 8;
        // RFC 8839 §5.1: rel-addr and rel-port come before the extensions, in that order.
        if (i < f.length && f[i].equalsIgnoreCase("raddr")) {
            if (i + 1 >= f.length) {
                throw new IllegalArgumentException("'raddr' without an address");
            }
            raddr = f[i + 1];
            i += 2;
        }
        if (i < f.length && f[i].equalsIgnoreCase("rport")) {
            if (i + 1 >= f.length) {
                throw new IllegalArgumentException("'rport' without a port");
            }
            rport = port(f[i + 1], "bad candidate rport");
            i += 2;
        }
        Map<String, String> ext = new LinkedHashMap<>();
        for (; i < f.length; i += 2) {
            ext.putIfAbsent(f[i], i + 1 < f.length ? f[i + 1] : "");
        }
        return new Candidate(foundation, (int) component, f[2], priority, address, port, type, raddr, rport, ext);
    }

    private static int port(String s, String problem) {
        long p = Tokens.unsigned(s, 5);
        if (p < 0 || p > 65_535) {
            throw new IllegalArgumentException(problem + " '" + s + "'");
        }
        return (int) p;
    }

    /** Whether the candidate is a UDP one, the only kind the engine uses. */
    public boolean isUdp() {
        return transport.equals("udp");
    }

    /** Whether this is a TCP candidate (RFC 6544): read, but ignored by the engine. */
    public boolean isTcp() {
        return transport.equals("tcp");
    }

    /** Whether the address is an IPv6 literal. */
    public boolean isIpv6() {
        return address.indexOf(':') >= 0;
    }

    /** Whether the address is an mDNS name (draft-ietf-mmusic-mdns-ice-candidates), which needs resolving first. */
    public boolean isMdns() {
        return address.toLowerCase(Locale.ROOT).endsWith(".local");
    }

    /** The {@code tcptype} of a TCP candidate (RFC 6544 §4.5), or null. */
    public @Nullable String tcpType() {
        return extensions.get("tcptype");
    }

    /** The {@code ufrag} extension libwebrtc adds (the ICE generation's username fragment), or null. */
    public @Nullable String ufrag() {
        return extensions.get("ufrag");
    }
}
