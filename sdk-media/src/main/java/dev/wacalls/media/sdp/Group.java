package dev.wacalls.media.sdp;

import java.util.List;
import java.util.Objects;

/**
 * An {@code a=group} line (RFC 5888), in practice {@code a=group:BUNDLE 0} (RFC 8843 §7).
 *
 * <pre>{@code
 * description.groups().stream().filter(Group::isBundle).findFirst().map(Group::mids); // [audio]
 * }</pre>
 */
public record Group(String semantics, List<String> mids) {
    public Group {
        Objects.requireNonNull(semantics, "semantics");
        mids = List.copyOf(mids);
    }

    /** Whether this is a BUNDLE group; semantics tokens compare case-insensitively. */
    public boolean isBundle() {
        return semantics.equalsIgnoreCase("BUNDLE");
    }
}
