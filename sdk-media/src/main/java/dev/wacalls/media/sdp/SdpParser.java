package dev.wacalls.media.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads a session description in any conforming dialect into a {@link SessionDescription}.
 *
 * <p>What it accepts, and why:
 *
 * <ul>
 *   <li>CRLF or bare LF line endings (RFC 8866 §5 asks parsers to accept LF), blank lines, trailing blanks and a
 *       leading byte-order mark: all harmless, and all seen from real stacks.
 *   <li>ICE credentials and options, fingerprints, setup, direction, {@code c=} and {@code end-of-candidates} at
 *       session level, applying to every m-line that does not override them (RFC 8839 §5.4, RFC 8842 §5.1, RFC 8866
 *       §5.7 and §6.7).
 *   <li>Codec names in any case (RFC 4855 §3), {@code rtcp-mux-only} (RFC 8858), any mid (RFC 5888 tokens: {@code 0},
 *       {@code audio}, {@code audio0}), attributes in any order (fingerprints after ssrc lines), several
 *       fingerprints, every m-line (audio, video, application; rejected ones with port 0).
 *   <li>Unknown attributes, and the {@code i= u= e= p= t= r= z= k=} lines, which the engine does not use: kept raw
 *       or skipped (RFC 8866 §5.13). {@code s=} and {@code t=} may be missing, though RFC 8866 requires them.
 *   <li>Where a single-valued attribute repeats ({@code a=mid}, {@code a=ice-ufrag}, one payload type's rtpmap),
 *       the first one counts.
 * </ul>
 *
 * <p>What it refuses, with an {@link SdpParseException} naming the line: no {@code v=0} first, no {@code o=}, a line
 * that is not {@code <letter>=<value>}, an unknown type letter (RFC 8866 §5 says such a description must not be
 * used), malformed {@code o= c= b= m=} lines, and malformed values of the attributes the engine relies on
 * ({@code rtpmap}, {@code fmtp}, {@code rtcp-fb}, {@code ssrc}, {@code extmap}, {@code candidate},
 * {@code fingerprint}, {@code setup}). It never throws anything else for any text.
 *
 * <pre>{@code
 * SessionDescription d = SdpParser.parse(sdp);
 * MediaDescription audio = d.usableAudio().get(0);
 * }</pre>
 */
public final class SdpParser {
    /** The longest description accepted: far above a real one (1–4 KiB), and a bound on work for hostile input. */
    public static final int MAX_LENGTH = 64 * 1024;

    private SdpParser() {}

    /**
     * Parses a session description.
     *
     * @throws SdpParseException for malformed input, naming the line number and the problem
     */
    public static SessionDescription parse(String sdp) {
        Objects.requireNonNull(sdp, "sdp");
        if (sdp.length() > MAX_LENGTH) {
            throw new SdpParseException(0, "longer than " + MAX_LENGTH + " characters", "");
        }
        return new Run().parse(sdp);
    }

    /** State shared by the session level and the media level. */
    private abstract static class Level {
        @Nullable Connection connection;
        final List<Bandwidth> bandwidths = new ArrayList<>();
        final List<Attribute> attributes = new ArrayList<>();
        @Nullable String iceUfrag;
        @Nullable String icePwd;
        final List<String> iceOptions = new ArrayList<>();
        final List<Fingerprint> fingerprints = new ArrayList<>();
        @Nullable SetupRole setup;
        @Nullable Direction direction;
        boolean endOfCandidates;
        final List<Extmap> extmaps = new ArrayList<>();
    }

    private static final class Session extends Level {
        @Nullable Origin origin;
        @Nullable String name;
        final List<Group> groups = new ArrayList<>();
        boolean iceLite;
    }

    private static final class Media extends Level {
        final String kind;
        final int port;
        final int portCount;
        final String protocol;
        final List<String> formats;
        @Nullable String mid;
        boolean rtcpMux;
        boolean rtcpMuxOnly;
        boolean rtcpRsize;
        final Map<Integer, Codec> rtpmaps = new LinkedHashMap<>();
        final Map<Integer, Map<String, String>> fmtps = new LinkedHashMap<>();
        final Map<Integer, List<String>> feedback = new LinkedHashMap<>();
        final List<String> wildcardFeedback = new ArrayList<>();
        @Nullable Integer ptime;
        @Nullable Integer maxptime;
        final Map<Long, Map<String, String>> ssrcs = new LinkedHashMap<>();
        final List<String> msids = new ArrayList<>();
        final List<Candidate> candidates = new ArrayList<>();

        Media(String kind, int port, int portCount, String protocol, List<String> formats) {
            this.kind = kind;
            this.port = port;
            this.portCount = portCount;
            this.protocol = protocol;
            this.formats = formats;
        }

        boolean isRtp() {
            return MediaDescription.isRtpProtocol(protocol);
        }
    }

    /** One parse: the position is needed by every error, so it lives in fields. */
    private static final class Run {
        private final Session session = new Session();
        private final List<Media> media = new ArrayList<>();
        private int lineNumber;
        private String line = "";

        SessionDescription parse(String sdp) {
            String text = sdp.startsWith("\uFEFF") ? sdp.substring(1) : sdp;
            String[] lines = text.split("\n", -1);
            boolean seenVersion = false;
            for (int i = 0; i < lines.length; i++) {
                lineNumber = i + 1;
                line = stripTrailingBlanks(lines[i]);
                if (line.isEmpty()) {
                    continue;
                }
                checkCharacters();
                if (!seenVersion && !line.startsWith("v=")) {
                    throw error("missing v= line: a session description starts with v=0");
                }
                if (line.length() < 2 || line.charAt(1) != '=') {
                    throw error("not a <type>=<value> line");
                }
                String value = line.substring(2);
                Media m = media.isEmpty() ? null : media.get(media.size() - 1);
                Level level = m == null ? session : m;
                switch (line.charAt(0)) {
                    case 'v' -> {
                        if (seenVersion) {
                            throw error("v= may only appear once, as the first line");
                        }
                        if (!value.strip().equals("0")) {
                            throw error("unsupported SDP version '" + value + "' (only v=0 exists)");
                        }
                        seenVersion = true;
                    }
                    case 'o' -> origin(value, m);
                    case 's' -> {
                        if (m == null && session.name == null) {
                            session.name = value;
                        }
                    }
                    // Not used by the engine: informational lines, timing, and k= (obsolete, RFC 8866 §5.12).
                    case 'i', 'u', 'e', 'p', 't', 'r', 'z', 'k' -> { }
                    case 'c' -> connection(value, level);
                    case 'b' -> bandwidth(value, level);
                    case 'm' -> media.add(mediaLine(value));
                    case 'a' -> attribute(value, level, m);
                    default -> throw error("unknown line type '" + line.charAt(0)
                            + "=' (RFC 8866 §5: a description with an unknown type letter must not be used)");
                }
            }
            if (!seenVersion) {
                lineNumber = 0;
                line = "";
                throw error("empty session description: missing v= line");
            }
            if (session.origin == null) {
                lineNumber = 0;
                line = "";
                throw error("missing o= line");
            }
            List<MediaDescription> out = new ArrayList<>(media.size());
            for (Media m : media) {
                out.add(resolve(m));
            }
            return new SessionDescription(session.origin, session.name == null ? "" : session.name,
                    session.connection, session.bandwidths, session.attributes, session.groups, session.iceLite,
                    out);
        }

        private SdpParseException error(String problem) {
            return new SdpParseException(lineNumber, problem, line);
        }

        private static String stripTrailingBlanks(String s) {
            int end = s.length();
            while (end > 0 && (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
                end--;
            }
            return s.substring(0, end);
        }

        /** RFC 8866 §9: NUL, CR and LF never occur inside a line. */
        private void checkCharacters() {
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '\0' || c == '\r') {
                    throw error(c == '\0' ? "NUL character in line" : "CR inside a line");
                }
            }
        }

        private void origin(String value, @Nullable Media m) {
            if (m != null || session.origin != null) {
                throw error("o= may only appear once, before the first m= line");
            }
            String[] f = Tokens.fields(value);
            if (f.length != 6) {
                throw error("bad o= line: expected '<username> <sess-id> <sess-version> IN IP4 <address>'");
            }
            session.origin = new Origin(f[0], f[1], f[2], f[3], f[4], f[5]);
        }

        private void connection(String value, Level level) {
            String[] f = Tokens.fields(value);
            if (f.length != 3) {
                throw error("bad c= line: expected 'IN IP4 <address>'");
            }
            // RFC 8866 §5.7 allows several c= lines per m-line (multicast layers); the first is the address.
            if (level.connection == null) {
                level.connection = new Connection(f[0], f[1], f[2]);
            }
        }

        private void bandwidth(String value, Level level) {
            int colon = value.indexOf(':');
            long bw = colon > 0 ? Tokens.unsigned(value.substring(colon + 1).strip(), 18) : -1;
            if (bw < 0) {
                throw error("bad b= line: expected '<type>:<number>'");
            }
            level.bandwidths.add(new Bandwidth(value.substring(0, colon).strip(), bw));
        }

        private Media mediaLine(String value) {
            String[] f = Tokens.fields(value);
            if (f.length < 3) {
                throw error("bad m= line: expected '<media> <port> <proto> <fmt> …'");
            }
            String portField = f[1];
            int slash = portField.indexOf('/');
            String portText = slash < 0 ? portField : portField.substring(0, slash);
            long port = Tokens.unsigned(portText, 5);
            if (port < 0 || port > 65_535) {
                throw error("bad m= line: port '" + portText + "' is not a number 0-65535");
            }
            long count = 1;
            if (slash >= 0) {
                count = Tokens.unsigned(portField.substring(slash + 1), 5);
                if (count < 1) {
                    throw error("bad m= line: port count '" + portField.substring(slash + 1) + "' is not a number");
                }
            }
            List<String> formats = List.of(f).subList(3, f.length);
            Media m = new Media(f[0], (int) port, (int) count, f[2], formats);
            if (m.isRtp()) {
                for (String fmt : formats) {
                    long pt = Tokens.unsigned(fmt, 3);
                    if (pt < 0 || pt > 127) {
                        throw error("bad m= line: payload type '" + fmt + "' is not a number 0-127");
                    }
                }
            }
            return m;
        }

        private void attribute(String text, Level level, @Nullable Media m) {
            int colon = text.indexOf(':');
            String name = colon < 0 ? text : text.substring(0, colon);
            String value = colon < 0 ? null : text.substring(colon + 1);
            if (name.isEmpty()) {
                throw error("attribute without a name");
            }
            level.attributes.add(new Attribute(name, value));
            String key = name.toLowerCase(Locale.ROOT);
            switch (key) {
                case "ice-ufrag" -> {
                    if (level.iceUfrag == null && value != null && !value.isBlank()) {
                        level.iceUfrag = value.strip();
                    }
                }
                case "ice-pwd" -> {
                    if (level.icePwd == null && value != null && !value.isBlank()) {
                        level.icePwd = value.strip();
                    }
                }
                case "ice-options" -> {
                    if (value != null) {
                        level.iceOptions.addAll(List.of(Tokens.fields(value)));
                    }
                }
                // RFC 8839 §5.3 puts ice-lite at session level; a media-level one can only mean the same thing.
                case "ice-lite" -> session.iceLite = true;
                case "fingerprint" -> {
                    try {
                        level.fingerprints.add(Fingerprint.parse(required(value, "fingerprint")));
                    } catch (IllegalArgumentException e) {
                        throw error("bad a=fingerprint: " + e.getMessage());
                    }
                }
                case "setup" -> {
                    SetupRole role = SetupRole.lookup(required(value, "setup"));
                    if (role == null) {
                        throw error("unknown a=setup value '" + value + "' (RFC 4145: active, passive, actpass,"
                                + " holdconn)");
                    }
                    if (level.setup == null) {
                        level.setup = role;
                    }
                }
                case "sendrecv", "sendonly", "recvonly", "inactive" -> {
                    if (level.direction == null) {
                        level.direction = Direction.lookup(key);
                    }
                }
                case "end-of-candidates" -> level.endOfCandidates = true;
                case "extmap" -> level.extmaps.add(extmap(required(value, "extmap")));
                case "group" -> {
                    if (m == null && value != null) {
                        String[] f = Tokens.fields(value);
                        if (f.length > 0) {
                            session.groups.add(new Group(f[0], List.of(f).subList(1, f.length)));
                        }
                    }
                }
                default -> {
                    if (m != null) {
                        mediaAttribute(key, value, m);
                    }
                }
            }
        }

        private String required(@Nullable String value, String name) {
            if (value == null || value.isBlank()) {
                throw error("a=" + name + " needs a value");
            }
            return value;
        }

        private void mediaAttribute(String key, @Nullable String value, Media m) {
            switch (key) {
                case "mid" -> {
                    if (m.mid == null && value != null && !value.isBlank()) {
                        m.mid = value.strip();
                    }
                }
                case "rtcp-mux" -> m.rtcpMux = true;
                // RFC 8858 §3: rtcp-mux-only implies rtcp-mux.
                case "rtcp-mux-only" -> {
                    m.rtcpMux = true;
                    m.rtcpMuxOnly = true;
                }
                case "rtcp-rsize" -> m.rtcpRsize = true;
                case "rtpmap" -> rtpmap(required(value, "rtpmap"), m);
                case "fmtp" -> fmtp(required(value, "fmtp"), m);
                case "rtcp-fb" -> rtcpFeedback(required(value, "rtcp-fb"), m);
                case "ssrc" -> ssrc(required(value, "ssrc"), m);
                case "msid" -> {
                    if (value != null && !value.isBlank()) {
                        m.msids.add(value.strip());
                    }
                }
                case "candidate" -> {
                    try {
                        m.candidates.add(Candidate.parseValue(required(value, "candidate")));
                    } catch (IllegalArgumentException e) {
                        throw error(e.getMessage());
                    }
                }
                case "ptime" -> {
                    if (m.ptime == null) {
                        m.ptime = milliseconds(value);
                    }
                }
                case "maxptime" -> {
                    if (m.maxptime == null) {
                        m.maxptime = milliseconds(value);
                    }
                }
                default -> { } // RFC 8866 §5.13: unknown attributes are ignored (and kept raw).
            }
        }

        /** ptime may be fractional (RFC 8866 §6.4); whole milliseconds are enough. Garbage is ignored. */
        private static @Nullable Integer milliseconds(@Nullable String value) {
            if (value == null) {
                return null;
            }
            String v = value.strip();
            int dot = v.indexOf('.');
            long ms = Tokens.unsigned(dot < 0 ? v : v.substring(0, dot), 6);
            return ms < 0 ? null : (int) ms;
        }

        private int payloadType(String text, String attribute) {
            long pt = Tokens.unsigned(text, 3);
            if (pt < 0 || pt > 127) {
                throw error(attribute + " payload type '" + text + "' is not a number 0-127");
            }
            return (int) pt;
        }

        private void rtpmap(String value, Media m) {
            String[] f = Tokens.fields(value);
            if (f.length < 2) {
                throw error("a=rtpmap needs '<payload type> <encoding>/<clock rate>'");
            }
            int pt = payloadType(f[0], "rtpmap");
            String[] enc = f[1].split("/", -1);
            if (enc.length < 2 || enc.length > 3 || enc[0].isEmpty()) {
                throw error("a=rtpmap needs '<encoding>/<clock rate>[/<channels>]'");
            }
            long clock = Tokens.unsigned(enc[1], 10);
            if (clock < 1 || clock > Integer.MAX_VALUE) {
                throw error("rtpmap clock rate '" + enc[1] + "' is not a number");
            }
            long channels = 1;
            if (enc.length == 3) {
                channels = Tokens.unsigned(enc[2], 3);
                if (channels < 1) {
                    throw error("rtpmap channel count '" + enc[2] + "' is not a number");
                }
            }
            m.rtpmaps.putIfAbsent(pt, new Codec(pt, enc[0], (int) clock, (int) channels, Map.of(), List.of()));
        }

        private void fmtp(String value, Media m) {
            String v = value.strip();
            int sp = Tokens.indexOfBlank(v);
            String fmt = sp < 0 ? v : v.substring(0, sp);
            if (!m.isRtp()) {
                return; // formats of non-RTP m-lines are not payload types; nothing here uses them
            }
            int pt = payloadType(fmt, "fmtp");
            Map<String, String> params = new LinkedHashMap<>();
            if (sp >= 0) {
                for (String p : v.substring(sp + 1).split(";")) {
                    String param = p.strip();
                    if (param.isEmpty()) {
                        continue;
                    }
                    int eq = param.indexOf('=');
                    if (eq < 0) {
                        params.putIfAbsent(param, "");
                    } else {
                        params.putIfAbsent(param.substring(0, eq).strip(), param.substring(eq + 1).strip());
                    }
                }
            }
            m.fmtps.putIfAbsent(pt, params);
        }

        private void rtcpFeedback(String value, Media m) {
            String v = value.strip();
            int sp = Tokens.indexOfBlank(v);
            String fmt = sp < 0 ? v : v.substring(0, sp);
            String fb = sp < 0 ? "" : String.join(" ", Tokens.fields(v.substring(sp)));
            // RFC 4585 §4.2: "*" applies the feedback to every payload type.
            if (fmt.equals("*")) {
                if (!fb.isEmpty()) {
                    m.wildcardFeedback.add(fb);
                }
                return;
            }
            int pt = payloadType(fmt, "rtcp-fb");
            if (!fb.isEmpty()) {
                m.feedback.computeIfAbsent(pt, k -> new ArrayList<>()).add(fb);
            }
        }

        private void ssrc(String value, Media m) {
            String v = value.strip();
            int sp = Tokens.indexOfBlank(v);
            String idText = sp < 0 ? v : v.substring(0, sp);
            long id = Tokens.unsigned(idText, 10);
            if (id < 0 || id > 0xFFFF_FFFFL) {
                throw error("bad a=ssrc: '" + idText + "' is not a number 0-4294967295");
            }
            Map<String, String> attrs = m.ssrcs.computeIfAbsent(id, k -> new LinkedHashMap<>());
            if (sp >= 0) {
                String attr = v.substring(sp + 1).strip();
                int colon = attr.indexOf(':');
                if (colon < 0) {
                    attrs.putIfAbsent(attr, "");
                } else {
                    attrs.putIfAbsent(attr.substring(0, colon), attr.substring(colon + 1));
                }
            }
        }

        private Extmap extmap(String value) {
            String[] f = Tokens.fields(value);
            if (f.length < 2) {
                throw error("a=extmap needs '<id>[/<direction>] <uri>'");
            }
            int slash = f[0].indexOf('/');
            String idText = slash < 0 ? f[0] : f[0].substring(0, slash);
            long id = Tokens.unsigned(idText, 5);
            if (id < 0 || id > 65_535) {
                throw error("bad a=extmap id '" + idText + "'");
            }
            Direction direction = null;
            if (slash >= 0) {
                direction = Direction.lookup(f[0].substring(slash + 1));
                if (direction == null) {
                    throw error("bad a=extmap direction '" + f[0].substring(slash + 1) + "'");
                }
            }
            String attrs = f.length > 2 ? String.join(" ", List.of(f).subList(2, f.length)) : null;
            return new Extmap((int) id, direction, f[1], attrs);
        }

        private MediaDescription resolve(Media m) {
            List<Codec> codecs = new ArrayList<>();
            if (m.isRtp()) {
                List<Integer> seen = new ArrayList<>();
                for (String fmt : m.formats) {
                    int pt = (int) Tokens.unsigned(fmt, 3);
                    if (seen.contains(pt)) {
                        continue;
                    }
                    seen.add(pt);
                    Codec base = m.rtpmaps.get(pt);
                    if (base == null) {
                        base = StaticPayloadTypes.get(pt);
                    }
                    if (base == null) {
                        continue; // a dynamic payload type without rtpmap names no codec
                    }
                    List<String> fb = new ArrayList<>(m.feedback.getOrDefault(pt, List.of()));
                    fb.addAll(m.wildcardFeedback);
                    codecs.add(new Codec(pt, base.name(), base.clockRate(), base.channels(),
                            m.fmtps.getOrDefault(pt, Map.of()), fb));
                }
            }
            List<Ssrc> ssrcs = new ArrayList<>(m.ssrcs.size());
            m.ssrcs.forEach((id, attrs) -> ssrcs.add(new Ssrc(id, attrs)));
            Direction direction = m.direction != null ? m.direction
                    : session.direction != null ? session.direction : Direction.SENDRECV;
            return new MediaDescription(
                    m.kind,
                    m.port,
                    m.portCount,
                    m.protocol,
                    m.formats,
                    m.connection != null ? m.connection : session.connection,
                    m.bandwidths,
                    m.mid,
                    direction,
                    m.iceUfrag != null ? m.iceUfrag : session.iceUfrag,
                    m.icePwd != null ? m.icePwd : session.icePwd,
                    m.iceOptions.isEmpty() ? session.iceOptions : m.iceOptions,
                    m.fingerprints.isEmpty() ? session.fingerprints : m.fingerprints,
                    m.setup != null ? m.setup : session.setup,
                    m.rtcpMux,
                    m.rtcpMuxOnly,
                    m.rtcpRsize,
                    codecs,
                    m.ptime,
                    m.maxptime,
                    ssrcs,
                    m.extmaps.isEmpty() ? session.extmaps : m.extmaps,
                    m.msids,
                    m.candidates,
                    m.endOfCandidates || session.endOfCandidates,
                    m.attributes);
        }
    }
}
