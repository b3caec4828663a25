package dev.wacalls.webhook;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The body is not a webhook we can read: too large, empty, not JSON, cut short, too deep, or of the wrong shape. */
public final class WebhookPayloadException extends WebhookException {
    private static final long serialVersionUID = 1L;

    /** What was wrong with the body. */
    public enum Reason {
        TOO_LARGE,
        EMPTY,
        NOT_JSON,
        TRUNCATED,
        TOO_DEEP,
        WRONG_SHAPE
    }

    private final Reason reason;
    private final @Nullable String path;

    WebhookPayloadException(Reason reason, String message, @Nullable String path, @Nullable Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.path = path;
    }

    public Reason reason() {
        return reason;
    }

    /** Where in the JSON the problem is, e.g. {@code $.entry[0].changes[0].value.calls[0].id}. */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    @Override
    public int httpStatus() {
        return reason == Reason.TOO_LARGE ? 413 : 400;
    }
}
