package dev.wacalls.media.sdp;

import java.util.Objects;

/**
 * The {@code o=} line (RFC 8866 §5.2). Numbers are kept as text: RFC 8866 only says "numeric string", and
 * libwebrtc writes 19-digit session ids.
 *
 * <pre>{@code
 * // o=- 7602563789789945080 2 IN IP4 127.0.0.1
 * String id = description.origin().sessionId(); // "7602563789789945080"
 * }</pre>
 */
public record Origin(
        String username,
        String sessionId,
        String sessionVersion,
        String netType,
        String addressType,
        String address) {
    public Origin {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(sessionVersion, "sessionVersion");
        Objects.requireNonNull(netType, "netType");
        Objects.requireNonNull(addressType, "addressType");
        Objects.requireNonNull(address, "address");
    }
}
