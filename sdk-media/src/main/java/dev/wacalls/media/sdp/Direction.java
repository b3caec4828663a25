package dev.wacalls.media.sdp;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The media direction attributes of RFC 8866 §6.7 ({@code a=sendrecv}, {@code a=sendonly}, {@code a=recvonly},
 * {@code a=inactive}), from the point of view of the description's author.
 *
 * <pre>{@code
 * if (audio.direction() == Direction.SENDRECV) { ... }
 * Direction ours = offer.direction().answer(); // SENDONLY -> RECVONLY (RFC 3264 §6.1)
 * }</pre>
 */
public enum Direction {
    SENDRECV("sendrecv"),
    SENDONLY("sendonly"),
    RECVONLY("recvonly"),
    INACTIVE("inactive");

    private final String sdpValue;

    Direction(String sdpValue) {
        this.sdpValue = sdpValue;
    }

    /** The attribute name, e.g. {@code "sendrecv"}. */
    public String sdpValue() {
        return sdpValue;
    }

    /** The direction an answerer must use to accept this offered direction (RFC 3264 §6.1). */
    public Direction answer() {
        return switch (this) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            case SENDRECV, INACTIVE -> this;
        };
    }

    static @Nullable Direction lookup(String attributeName) {
        String v = attributeName.toLowerCase(Locale.ROOT);
        for (Direction d : values()) {
            if (d.sdpValue.equals(v)) {
                return d;
            }
        }
        return null;
    }
}
