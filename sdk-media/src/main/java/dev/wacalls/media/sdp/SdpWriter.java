package dev.wacalls.media.sdp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * Writes the offer or answer Meta requires for the WhatsApp leg (calling API reference §6.2–6.5), which is also a
 * plain WebRTC audio description a browser accepts: one BUNDLEd {@code m=audio}, {@code a=rtcp-mux}, Opus
 * {@code 111 opus/48000/2} with {@code minptime=10;useinbandfec=1}, {@code telephone-event/8000} on 126, optional
 * PCMU/PCMA, {@code a=ptime:20}, one SSRC, a sha-256 fingerprint only, host candidates, CRLF line endings. Never
 * {@code a=ice-lite}: the engine runs full ICE, controlling, against Meta's ICE-lite relay.
 *
 * <p>An answer mirrors the offer: its mid, its payload type numbers (Meta uses 111 and 126; other stacks may not), its
 * protocol, only codecs the offer had (RFC 3264 §6.1), the opposite direction of a one-way offer, and every other
 * m-line rejected with port 0 (RFC 3264 §6). The DTLS role answers {@code actpass} with {@code active} by default
 * (Meta recommends the business be the DTLS client), {@code active} with {@code passive} and {@code passive} with
 * {@code active}. One writer holds one call leg's local parameters; it is immutable and thread-safe.
 *
 * <pre>{@code
 * SdpWriter writer = SdpWriter.builder()
 *         .iceCredentials("X1ho", "7fJSbV2N5qWiA5QiDKwK3vuh")
 *         .fingerprint(Fingerprint.sha256(certificateDer))
 *         .ssrc(0x2f1c_77a1L)
 *         .hostCandidate(new InetSocketAddress("203.0.113.7", 40000))
 *         .build();
 * String offer = writer.offer().sdp();                       // business-initiated call
 * LocalDescription answer = writer.answer(metaOffer);        // user-initiated call
 * }</pre>
 */
public final class SdpWriter {
    private static final String CRLF = "\r\n";
    /** Meta's numbers (§6.5); an answer uses the offer's instead. */
    private static final int OPUS_PT = 111;
    private static final int TELEPHONE_EVENT_PT = 126;
    /** RFC 8445 §5.1.2.2: the recommended type preference of host candidates. */
    private static final long HOST_TYPE_PREFERENCE = 126;

    private final String iceUfrag;
    private final String icePwd;
    private final Fingerprint fingerprint;
    private final long ssrc;
    private final String cname;
    private final List<Candidate> candidates;
    private final String mid;
    private final SetupRole offerSetup;
    private final SetupRole setupWhenOfferIsActpass;
    private final boolean pcmu;
    private final boolean pcma;
    private final List<String> iceOptions;
    private final RandomGenerator random;

    private SdpWriter(Builder b) {
        this.iceUfrag = Objects.requireNonNull(b.iceUfrag, "iceCredentials are required");
        this.icePwd = Objects.requireNonNull(b.icePwd, "iceCredentials are required");
        this.fingerprint = Objects.requireNonNull(b.fingerprint, "fingerprint is required");
        if (b.ssrc == null) {
            throw new IllegalStateException("ssrc is required");
        }
        this.ssrc = b.ssrc;
        this.random = b.random;
        this.cname = b.cname != null ? b.cname : randomCname(b.random);
        this.mid = b.mid;
        this.offerSetup = b.offerSetup;
        this.setupWhenOfferIsActpass = b.setupWhenOfferIsActpass;
        this.pcmu = b.pcmu;
        this.pcma = b.pcma;
        this.iceOptions = List.copyOf(b.iceOptions);
        List<Candidate> cs = new ArrayList<>();
        for (int i = 0; i < b.hosts.size(); i++) {
            Host h = b.hosts.get(i);
            // RFC 8445 §5.1.2.1: distinct local preferences keep the caller's order; 65535 is the top value.
            int localPreference = h.localPreference != null ? h.localPreference : Math.max(0, 65_535 - i);
            cs.add(hostCandidate(h.address, h.port, localPreference));
        }
        this.candidates = List.copyOf(cs);
    }

    /** A builder; ICE credentials, the fingerprint and the SSRC are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * RFC 8445 §5.1.2.1: priority = 2^24 × type preference + 2^8 × local preference + (256 − component), component 1
     * (RTP and RTCP are multiplexed). The foundation is the same for every host candidate on one address and
     * transport (§5.1.1.3), and stable across calls: a CRC-32 of type, transport and address.
     */
    static Candidate hostCandidate(String address, int port, int localPreference) {
        long priority = (HOST_TYPE_PREFERENCE << 24) + ((long) localPreference << 8) + (256 - 1);
        CRC32 crc = new CRC32();
        crc.update(("host udp " + address).getBytes(StandardCharsets.US_ASCII));
        return new Candidate(Long.toString(crc.getValue()), 1, "udp", priority, address, port, CandidateType.HOST,
                null, null, Map.of());
    }

    /**
     * An offer: Opus 111, optional PCMU 0 / PCMA 8, telephone-event 126, the configured mid (default "0") in a
     * BUNDLE group, {@code a=setup:actpass} unless configured otherwise.
     */
    public LocalDescription offer() {
        List<Codec> codecs = new ArrayList<>();
        codecs.add(opus(OPUS_PT));
        if (pcmu) {
            codecs.add(plain(0, "PCMU", 8000));
        }
        if (pcma) {
            codecs.add(plain(8, "PCMA", 8000));
        }
        codecs.add(plain(TELEPHONE_EVENT_PT, "telephone-event", 8000));
        StringBuilder b = session();
        b.append("a=group:BUNDLE ").append(mid).append(CRLF);
        audio(b, "UDP/TLS/RTP/SAVPF", codecs, mid, offerSetup, Direction.SENDRECV);
        return done(b);
    }

    /**
     * An answer to a remote offer.
     *
     * @throws SdpNegotiationException when the offer has no usable audio m-line, no DTLS-SRTP protocol, no
     *     {@code opus/48000/2}, a mid that is not a token, or {@code a=setup:holdconn}
     */
    public LocalDescription answer(SessionDescription offer) {
        Objects.requireNonNull(offer, "offer");
        List<SdpProblem> problems = new ArrayList<>();
        MediaDescription audio = offer.media().stream()
                .filter(m -> m.isAudio() && !m.isRejected() && m.isRtp())
                .findFirst()
                .orElse(null);
        if (audio == null) {
            problems.add(SdpProblem.error(SdpProblem.Kind.NO_AUDIO, "no usable audio m-line in the offer"));
            throw new SdpNegotiationException("cannot answer: ", problems);
        }
        if (!WhatsAppSdpRules.isDtlsSrtp(audio.protocol())) {
            problems.add(SdpProblem.error(SdpProblem.Kind.BAD_PROTOCOL,
                    "protocol " + audio.protocol() + " is not DTLS-SRTP (UDP/TLS/RTP/SAVPF)"));
        }
        Optional<Codec> opus = audio.opus();
        if (opus.isEmpty()) {
            problems.add(SdpProblem.error(SdpProblem.Kind.NO_OPUS, "no Opus codec (opus/48000/2) in the offer"));
        }
        String answerMid = audio.mid();
        if (answerMid != null && !Tokens.isToken(answerMid)) {
            problems.add(SdpProblem.error(SdpProblem.Kind.BAD_MID, "the offer's mid '" + answerMid
                    + "' is not a token (RFC 5888)"));
        }
        SetupRole setup = answerSetup(audio.setup(), problems);
        if (!problems.isEmpty()) {
            throw new SdpNegotiationException("cannot answer: ", problems);
        }
        List<Codec> codecs = new ArrayList<>();
        codecs.add(opus(opus.orElseThrow().payloadType()));
        if (pcmu) {
            audio.codec("PCMU", 8000).ifPresent(c -> codecs.add(plain(c.payloadType(), "PCMU", 8000)));
        }
        if (pcma) {
            audio.codec("PCMA", 8000).ifPresent(c -> codecs.add(plain(c.payloadType(), "PCMA", 8000)));
        }
        // Only the 8 kHz clock: Meta supports DTMF at 8000 Hz only (§6.5); Chromium also offers 48000 on 110.
        audio.codec("telephone-event", 8000)
                .ifPresent(c -> codecs.add(plain(c.payloadType(), "telephone-event", 8000)));

        StringBuilder b = session();
        // RFC 8843 §7.3: the answerer may only BUNDLE m-lines the offerer put in a BUNDLE group.
        boolean bundled = answerMid != null && offer.bundleGroup().map(g -> g.mids().contains(answerMid)).orElse(false);
        if (bundled) {
            b.append("a=group:BUNDLE ").append(answerMid).append(CRLF);
        }
        for (MediaDescription m : offer.media()) {
            if (m == audio) {
                audio(b, audio.protocol(), codecs, answerMid, setup, audio.direction().answer());
            } else {
                rejected(b, m);
            }
        }
        return done(b);
    }

    private SetupRole answerSetup(@Nullable SetupRole offered, List<SdpProblem> problems) {
        if (offered == null) {
            // RFC 4145 §4: no a=setup means active, so the answerer is passive.
            return SetupRole.PASSIVE;
        }
        return switch (offered) {
            case ACTPASS -> setupWhenOfferIsActpass;
            case ACTIVE -> SetupRole.PASSIVE;
            case PASSIVE -> SetupRole.ACTIVE;
            case HOLDCONN -> {
                problems.add(SdpProblem.error(SdpProblem.Kind.BAD_SETUP, "the offer says a=setup:holdconn"));
                yield SetupRole.HOLDCONN;
            }
        };
    }

    private static Codec opus(int pt) {
        Map<String, String> fmtp = new LinkedHashMap<>();
        fmtp.put("minptime", "10"); // Meta's Graph API samples (§6.5); order kept: a=fmtp:111 minptime=10;useinbandfec=1
        fmtp.put("useinbandfec", "1");
        return new Codec(pt, "opus", 48_000, 2, fmtp, List.of());
    }

    private static Codec plain(int pt, String name, int clock) {
        return new Codec(pt, name, clock, 1, Map.of(), List.of());
    }

    private StringBuilder session() {
        // JSEP (RFC 8829 §5.2.1): a random session id below 2^63; version 2 as Meta's and libwebrtc's samples.
        long sessionId = random.nextLong() & Long.MAX_VALUE;
        return new StringBuilder(1024)
                .append("v=0").append(CRLF)
                .append("o=- ").append(sessionId).append(" 2 IN IP4 127.0.0.1").append(CRLF)
                .append("s=-").append(CRLF)
                .append("t=0 0").append(CRLF);
    }

    private void audio(StringBuilder b, String protocol, List<Codec> codecs, @Nullable String mediaId,
            SetupRole setup, Direction direction) {
        Candidate first = candidates.isEmpty() ? null : candidates.get(0);
        // RFC 8839 §4.2.1.1: m= and c= carry the default candidate; with none yet, port 9 and 0.0.0.0 (RFC 8840 §4.1).
        int port = first == null ? 9 : first.port();
        b.append("m=audio ").append(port).append(' ').append(protocol);
        for (Codec c : codecs) {
            b.append(' ').append(c.payloadType());
        }
        b.append(CRLF);
        if (first == null) {
            b.append("c=IN IP4 0.0.0.0").append(CRLF);
        } else {
            b.append("c=IN ").append(first.isIpv6() ? "IP6 " : "IP4 ").append(first.address()).append(CRLF);
        }
        for (Candidate c : candidates) {
            b.append("a=candidate:").append(c.foundation()).append(' ').append(c.component()).append(" udp ")
                    .append(c.priority()).append(' ').append(c.address()).append(' ').append(c.port())
                    .append(" typ host").append(CRLF);
        }
        b.append("a=ice-ufrag:").append(iceUfrag).append(CRLF);
        b.append("a=ice-pwd:").append(icePwd).append(CRLF);
        // Omitted by default: no trickle towards Meta (§6.3), and an option we do not honour must not be claimed.
        if (!iceOptions.isEmpty()) {
            b.append("a=ice-options:").append(String.join(" ", iceOptions)).append(CRLF);
        }
        b.append("a=fingerprint:").append(fingerprint.toAttributeValue()).append(CRLF);
        b.append("a=setup:").append(setup.sdpValue()).append(CRLF);
        if (mediaId != null) {
            b.append("a=mid:").append(mediaId).append(CRLF);
        }
        b.append("a=").append(direction.sdpValue()).append(CRLF);
        b.append("a=rtcp-mux").append(CRLF);
        for (Codec c : codecs) {
            b.append("a=rtpmap:").append(c.payloadType()).append(' ').append(c.rtpmap()).append(CRLF);
            if (!c.parameters().isEmpty()) {
                b.append("a=fmtp:").append(c.payloadType()).append(' ').append(c.fmtp()).append(CRLF);
            }
        }
        b.append("a=ptime:20").append(CRLF);
        // Meta's relay expects exactly one SSRC (§6.2); a receive-only answer sends none.
        if (direction == Direction.SENDRECV || direction == Direction.SENDONLY) {
            b.append("a=ssrc:").append(ssrc).append(" cname:").append(cname).append(CRLF);
        }
    }

    /** RFC 3264 §6: every offered m-line gets an answer line, port 0 for the ones we refuse. */
    private static void rejected(StringBuilder b, MediaDescription m) {
        b.append("m=").append(m.kind()).append(" 0 ").append(m.protocol());
        for (String f : m.formats()) {
            b.append(' ').append(f);
        }
        b.append(CRLF).append("c=IN IP4 0.0.0.0").append(CRLF);
        if (m.mid() != null && Tokens.isToken(m.mid())) {
            b.append("a=mid:").append(m.mid()).append(CRLF);
        }
    }

    private static LocalDescription done(StringBuilder b) {
        String sdp = b.toString();
        // Parsing our own output costs microseconds and guarantees we never send what we could not read back.
        return new LocalDescription(sdp, SdpParser.parse(sdp));
    }

    private static String randomCname(RandomGenerator random) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private record Host(String address, int port, @Nullable Integer localPreference) {}

    /**
     * Collects one call leg's local media parameters.
     *
     * <pre>{@code
     * SdpWriter.builder().iceCredentials(ufrag, pwd).fingerprint(fp).ssrc(ssrc).pcma(true).build();
     * }</pre>
     */
    public static final class Builder {
        private @Nullable String iceUfrag;
        private @Nullable String icePwd;
        private @Nullable Fingerprint fingerprint;
        private @Nullable Long ssrc;
        private @Nullable String cname;
        private final List<Host> hosts = new ArrayList<>();
        private String mid = "0";
        private SetupRole offerSetup = SetupRole.ACTPASS;
        private SetupRole setupWhenOfferIsActpass = SetupRole.ACTIVE;
        private boolean pcmu;
        private boolean pcma;
        private final List<String> iceOptions = new ArrayList<>();
        private RandomGenerator random = new SecureRandom();

        private Builder() {}

        /** The local ICE agent's credentials: ufrag 4–256 and pwd 22–256 ice-chars (RFC 8839 §5.4). */
        public Builder iceCredentials(String ufrag, String pwd) {
            if (ufrag.length() < 4 || ufrag.length() > 256 || !Tokens.isIceChars(ufrag)) {
                throw new IllegalArgumentException("ICE ufrag must be 4-256 characters of [A-Za-z0-9+/]");
            }
            if (pwd.length() < 22 || pwd.length() > 256 || !Tokens.isIceChars(pwd)) {
                throw new IllegalArgumentException("ICE pwd must be 22-256 characters of [A-Za-z0-9+/]");
            }
            this.iceUfrag = ufrag;
            this.icePwd = pwd;
            return this;
        }

        /** Our certificate's fingerprint; sha-256 only, the one hash Meta accepts (§6.4). */
        public Builder fingerprint(Fingerprint fingerprint) {
            if (!fingerprint.algorithm().equals("sha-256")) {
                throw new IllegalArgumentException("WhatsApp accepts sha-256 fingerprints only, not "
                        + fingerprint.algorithm());
            }
            this.fingerprint = fingerprint;
            return this;
        }

        /** The one SSRC we send with (Meta allows a single SSRC, §6.2). */
        public Builder ssrc(long ssrc) {
            if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("ssrc must be 0 to 2^32-1: " + ssrc);
            }
            this.ssrc = ssrc;
            return this;
        }

        /** The RTCP CNAME; default: 16 random alphanumerics (RFC 7022 §4.2). Visible ASCII, no spaces. */
        public Builder cname(String cname) {
            if (cname.isEmpty() || cname.length() > 255 || !cname.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("cname must be 1-255 visible ASCII characters");
            }
            this.cname = cname;
            return this;
        }

        /** Adds a host candidate (component 1, UDP); the first one is the default address of {@code m=}/{@code c=}. */
        public Builder hostCandidate(InetSocketAddress address) {
            return hostCandidate(address.getAddress(), address.getPort());
        }

        /** Adds a host candidate with the next local preference (65535, 65534, …). */
        public Builder hostCandidate(InetAddress address, int port) {
            return add(address, port, null);
        }

        /** Adds a host candidate with an explicit local preference, 0–65535 (RFC 8445 §5.1.2.1). */
        public Builder hostCandidate(InetAddress address, int port, int localPreference) {
            if (localPreference < 0 || localPreference > 65_535) {
                throw new IllegalArgumentException("local preference must be 0-65535");
            }
            return add(address, port, localPreference);
        }

        private Builder add(@Nullable InetAddress address, int port, @Nullable Integer localPreference) {
            if (address == null || address.isAnyLocalAddress() || address.isMulticastAddress()) {
                throw new IllegalArgumentException("a host candidate needs a unicast address, not " + address);
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port must be 1-65535: " + port);
            }
            String literal = address.getHostAddress();
            if (address instanceof Inet6Address && literal.indexOf('%') >= 0) {
                literal = literal.substring(0, literal.indexOf('%')); // a scope id means nothing to the peer
            }
            hosts.add(new Host(literal, port, localPreference));
            return this;
        }

        /** The mid of an offer's m-line, default {@code "0"}; an answer always mirrors the offer's. */
        public Builder mid(String mid) {
            if (mid.length() > 16 || !Tokens.isToken(mid)) {
                throw new IllegalArgumentException("mid must be 1-16 token characters (RFC 5888, RFC 8843)");
            }
            this.mid = mid;
            return this;
        }

        /** {@code a=setup} of an offer: ACTPASS (default, RFC 8842 §5.2), or ACTIVE/PASSIVE to force a role. */
        public Builder offerSetup(SetupRole role) {
            if (role == SetupRole.HOLDCONN) {
                throw new IllegalArgumentException("an offer cannot say holdconn");
            }
            this.offerSetup = role;
            return this;
        }

        /** Our role when the offer says actpass: ACTIVE (default, Meta's recommendation, §6.4) or PASSIVE. */
        public Builder setupWhenOfferIsActpass(SetupRole role) {
            if (role != SetupRole.ACTIVE && role != SetupRole.PASSIVE) {
                throw new IllegalArgumentException("an answer is active or passive, not " + role);
            }
            this.setupWhenOfferIsActpass = role;
            return this;
        }

        /** Offer (or accept, when offered) PCMU; Meta transcodes G.711 when enabled on the number (§6.5). */
        public Builder pcmu(boolean enabled) {
            this.pcmu = enabled;
            return this;
        }

        /** Offer (or accept, when offered) PCMA. */
        public Builder pcma(boolean enabled) {
            this.pcma = enabled;
            return this;
        }

        /** {@code a=ice-options} tokens, e.g. {@code trickle}; none by default. */
        public Builder iceOptions(String... options) {
            for (String o : options) {
                if (!Tokens.isToken(o)) {
                    throw new IllegalArgumentException("ice option must be a token: '" + o + "'");
                }
            }
            this.iceOptions.clear();
            this.iceOptions.addAll(List.of(options));
            return this;
        }

        /** The source of session ids and default cnames; a SecureRandom by default, a seeded one in tests. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** @throws NullPointerException or IllegalStateException naming a missing required value */
        public SdpWriter build() {
            return new SdpWriter(this);
        }
    }
}
