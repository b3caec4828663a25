package dev.wacalls.line;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link LineRegistry} keeps per line: whether it is subscribed to calls, and the last activation result
 * with its time, for the tooltip next to <em>Subscribe to calls</em>.
 *
 * <pre>{@code
 * LineStatus s = registry.status(line);
 * String tooltip = s.subscribed() ? "Subscribed" : s.result().map(LineResult::message).orElse("Not checked yet");
 * }</pre>
 *
 * @param subscribed the line has been activated (calling enabled, template created)
 * @param lastResult the last result of the job or of a manual subscribe; null before the first
 * @param checkedAt when that result was produced
 */
public record LineStatus(boolean subscribed, @Nullable LineResult lastResult, @Nullable Instant checkedAt) {
    private static final LineStatus UNCHECKED = new LineStatus(false, null, null);

    /** A line the job has never looked at. */
    public static LineStatus unchecked() {
        return UNCHECKED;
    }

    public Optional<LineResult> result() {
        return Optional.ofNullable(lastResult);
    }

    public Optional<Instant> checkedTime() {
        return Optional.ofNullable(checkedAt);
    }
}
