package dev.wacalls.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One m-line and what belongs to it. Attributes RFC 8839, RFC 8842 and RFC 8866 allow at session level (ICE
 * credentials and options, fingerprints, setup, direction, {@code c=}, {@code a=end-of-candidates}, extmaps) are
 * already resolved here: the media-level value when there is one, else the session-level one.
 *
 * <pre>{@code
 * MediaDescription audio = description.media().get(0);
 * audio.kind();                        // "audio"
 * audio.mid();                         // "audio" (Meta) or "0" (Chromium)
 * audio.opus().orElseThrow().payloadType(); // 111
 * audio.iceUfrag();                    // "6k2qP1R6kBfI/2"
 * audio.udpCandidates();               // host candidates, IPv4 and IPv6
 * }</pre>
 *
 * @param kind the media type as written: {@code audio}, {@code video}, {@code application}, …
 * @param port 0 for a rejected m-line (RFC 3264 §6)
 * @param portCount the {@code /n} after the port, 1 when absent
 * @param formats the m-line's formats as written (payload type numbers for RTP, {@code webrtc-datachannel} for SCTP)
 * @param connection the {@code c=} line of the m-line, else of the session; null if neither has one
 * @param iceUfrag {@code a=ice-ufrag} (RFC 8839 §5.4), null when absent at both levels
 * @param icePwd {@code a=ice-pwd}, null when absent at both levels
 * @param iceOptions {@code a=ice-options} tokens, e.g. {@code trickle}
 * @param fingerprints every {@code a=fingerprint}, in order (RFC 8122 allows several hash functions)
 * @param setup {@code a=setup}, null when absent (RFC 4145 §4 then means {@code active})
 * @param rtcpMux {@code a=rtcp-mux} or {@code a=rtcp-mux-only} (RFC 5761, RFC 8858)
 * @param rtcpMuxOnly {@code a=rtcp-mux-only} (RFC 8858): the peer will not fall back to a separate RTCP port
 * @param rtcpReducedSize {@code a=rtcp-rsize} (RFC 5506)
 * @param codecs the RTP formats that have an rtpmap or an RFC 3551 static assignment, in m-line order
 * @param ptime {@code a=ptime} in milliseconds, null when absent or unreadable
 * @param maxptime {@code a=maxptime} in milliseconds, null when absent or unreadable
 * @param msids {@code a=msid} values as written (RFC 8830)
 * @param endOfCandidates {@code a=end-of-candidates} at media or session level (RFC 8840 §8.2)
 * @param attributes every media-level {@code a=} line, as written and in order
 */
public record MediaDescription(
        String kind,
        int port,
        int portCount,
        String protocol,
        List<String> formats,
        @Nullable Connection connection,
        List<Bandwidth> bandwidths,
        @Nullable String mid,
        Direction direction,
        @Nullable String iceUfrag,
        @Nullable String icePwd,
        List<String> iceOptions,
        List<Fingerprint> fingerprints,
        @Nullable SetupRole setup,
        boolean rtcpMux,
        boolean rtcpMuxOnly,
        boolean rtcpReducedSize,
        List<Codec> codecs,
        @Nullable Integer ptime,
        @Nullable Integer maxptime,
        List<Ssrc> ssrcs,
        List<Extmap> extmaps,
        List<String> msids,
        List<Candidate> candidates,
        boolean endOfCandidates,
        List<Attribute> attributes) {
    public MediaDescription {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(direction, "direction");
        formats = List.copyOf(formats);
        bandwidths = List.copyOf(bandwidths);
        iceOptions = List.copyOf(iceOptions);
        fingerprints = List.copyOf(fingerprints);
        codecs = List.copyOf(codecs);
        ssrcs = List.copyOf(ssrcs);
        extmaps = List.copyOf(extmaps);
        msids = List.copyOf(msids);
        candidates = List.copyOf(candidates);
        attributes = List.copyOf(attributes);
    }

    /** Whether the m-line is rejected or disabled: port 0 (RFC 3264 §6, RFC 8843 §7.3.3). */
    public boolean isRejected() {
        return port == 0;
    }

    /** Whether the kind is {@code audio} (media types are case-insensitive). */
    public boolean isAudio() {
        return kind.equalsIgnoreCase("audio");
    }

    /** Whether the protocol carries RTP ({@code RTP/AVP}, {@code RTP/SAVPF}, {@code UDP/TLS/RTP/SAVPF}, …). */
    public boolean isRtp() {
        return isRtpProtocol(protocol);
    }

    static boolean isRtpProtocol(String protocol) {
        return protocol.toUpperCase(Locale.ROOT).contains("RTP/");
    }

    /** The m-line's payload type numbers, in order; empty for a non-RTP m-line. */
    public List<Integer> payloadTypes() {
        if (!isRtp()) {
            return List.of();
        }
        List<Integer> pts = new ArrayList<>(formats.size());
        for (String f : formats) {
            pts.add((int) Tokens.unsigned(f, 3));
        }
        return List.copyOf(pts);
    }

    /** The first Opus format ({@code opus/48000/2}, any case), if offered. */
    public Optional<Codec> opus() {
        return codecs.stream().filter(Codec::isOpus).findFirst();
    }

    /** The RFC 4733 {@code telephone-event} formats, at any clock rate (Chromium offers 48000 and 8000). */
    public List<Codec> telephoneEvents() {
        return codecs.stream().filter(Codec::isTelephoneEvent).toList();
    }

    /** The first codec with this name (case-insensitive) and clock rate. */
    public Optional<Codec> codec(String name, int clockRate) {
        return codecs.stream().filter(c -> c.is(name) && c.clockRate() == clockRate).findFirst();
    }

    /** The codec for a payload type. */
    public Optional<Codec> codec(int payloadType) {
        return codecs.stream().filter(c -> c.payloadType() == payloadType).findFirst();
    }

    /** The first fingerprint with this hash function name, e.g. {@code sha-256}. */
    public Optional<Fingerprint> fingerprint(String algorithm) {
        return fingerprints.stream().filter(f -> f.algorithm().equalsIgnoreCase(algorithm)).findFirst();
    }

    /** The UDP candidates: the ones the engine checks (TCP ones are ignored). */
    public List<Candidate> udpCandidates() {
        return candidates.stream().filter(Candidate::isUdp).toList();
    }

    /** Every media-level attribute with this name (case-insensitive), as written. */
    public List<Attribute> attributes(String name) {
        return attributes.stream().filter(a -> a.name().equalsIgnoreCase(name)).toList();
    }
}
