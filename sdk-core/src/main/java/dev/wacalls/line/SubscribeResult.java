package dev.wacalls.line;

import java.util.Objects;

/**
 * The answer to the admin's <em>Subscribe to calls</em>: subscribed, or the reason why not, in the text the UI
 * shows.
 *
 * <pre>{@code
 * SubscribeResult r = job.subscribe(line);
 * if (!r.subscribed()) ui.showTooltip(r.message());   // "Credentials not retrieved yet"
 * }</pre>
 *
 * @param result what activation did with the line
 */
public record SubscribeResult(LineResult result) {
    public SubscribeResult {
        Objects.requireNonNull(result, "result");
    }

    /** The line is subscribed to calls: activated now or already. */
    public boolean subscribed() {
        return result instanceof LineResult.Activated || result instanceof LineResult.AlreadyActive;
    }

    /** "Subscribed to calls", or why not. */
    public String message() {
        return result.message();
    }
}
