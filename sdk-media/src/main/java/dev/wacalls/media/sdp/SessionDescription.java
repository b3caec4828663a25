package dev.wacalls.media.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A parsed session description (RFC 8866): the session-level lines and every m-line, rejected ones included, in
 * order. Immutable; build one with {@link SdpParser#parse(String)}.
 *
 * <pre>{@code
 * SessionDescription offer = SdpParser.parse(webhook.sdp());
 * offer.iceLite();                    // true for Meta's relay
 * offer.bundleGroup().orElseThrow();  // BUNDLE [audio]
 * offer.media().get(0).kind();        // "audio"
 * }</pre>
 *
 * @param sessionName the {@code s=} value ({@code -} from WebRTC stacks), "" if the line is missing
 * @param connection the session-level {@code c=} line, or null
 * @param attributes every session-level {@code a=} line, as written and in order
 * @param groups the {@code a=group} lines (RFC 5888)
 * @param iceLite {@code a=ice-lite} (RFC 8839 §5.3): the peer is an ICE-lite agent, so we must be controlling
 * @param media the m-lines in order
 */
public record SessionDescription(
        Origin origin,
        String sessionName,
        @Nullable Connection connection,
        List<Bandwidth> bandwidths,
        List<Attribute> attributes,
        List<Group> groups,
        boolean iceLite,
        List<MediaDescription> media) {
    public SessionDescription {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(sessionName, "sessionName");
        bandwidths = List.copyOf(bandwidths);
        attributes = List.copyOf(attributes);
        groups = List.copyOf(groups);
        media = List.copyOf(media);
    }

    /** The first BUNDLE group (RFC 8843), if any. */
    public Optional<Group> bundleGroup() {
        return groups.stream().filter(Group::isBundle).findFirst();
    }

    /** The m-line with this mid. */
    public Optional<MediaDescription> media(String mid) {
        return media.stream().filter(m -> mid.equals(m.mid())).findFirst();
    }

    /** The audio m-lines that are not rejected (port ≠ 0). */
    public List<MediaDescription> usableAudio() {
        return media.stream().filter(m -> m.isAudio() && !m.isRejected()).toList();
    }

    /** Every session-level attribute with this name (case-insensitive), as written. */
    public List<Attribute> attributes(String name) {
        return attributes.stream().filter(a -> a.name().equalsIgnoreCase(name)).toList();
    }
}
