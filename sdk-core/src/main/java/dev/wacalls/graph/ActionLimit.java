package dev.wacalls.graph;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One limit on a permission action, e.g. "1 permission request per {@code PT24H}" or "100 connected calls per
 * {@code PT24H}".
 *
 * @param timePeriod the rolling window as Meta writes it (ISO-8601, {@code PT24H}, {@code P7D})
 * @param window the same window as a duration (days count as 24 h)
 * @param maxAllowed how many actions the window allows
 * @param currentUsage how many were used in the current window
 * @param limitExpiresAt when the window frees up; Meta sends it only once the limit is reached
 */
public record ActionLimit(
        String timePeriod, Duration window, int maxAllowed, int currentUsage, @Nullable Instant limitExpiresAt) {

    /** True when {@code currentUsage} has reached {@code maxAllowed}. */
    public boolean exhausted() {
        return currentUsage >= maxAllowed;
    }

    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(limitExpiresAt);
    }
}
