package dev.wacalls.consent;

import java.time.Instant;
import java.util.Objects;

/**
 * A business-initiated call counted against the daily limits: reserved when placed, kept when it connects,
 * released when it goes unanswered or Meta refuses it.
 *
 * @param callId WhatsApp's call id, or a provisional id until Meta returns one
 * @param at when it was placed
 * @param connected whether it connected
 */
public record CallSlot(String callId, Instant at, boolean connected) {
    public CallSlot {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(at, "at");
    }
}
