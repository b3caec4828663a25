package dev.wacalls.error;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Meta (or a proxy in between) answered with something that is not the documented shape: a non-JSON body, a
 * truncated body, a field of the wrong type, or an error without an {@code error} object. Carries the HTTP
 * status and the start of the body for the log.
 */
public class UnexpectedResponseException extends WhatsAppException {
    private static final long serialVersionUID = 1L;
    private final int httpStatus;
    private final String bodyExcerpt;
    private final @Nullable Duration retryAfter;

    public UnexpectedResponseException(String message, int httpStatus, String bodyExcerpt) {
        this(message, httpStatus, bodyExcerpt, null);
    }

    public UnexpectedResponseException(
            String message, int httpStatus, String bodyExcerpt, @Nullable Duration retryAfter) {
        super(message + " (HTTP " + httpStatus + ")");
        this.httpStatus = httpStatus;
        this.bodyExcerpt = bodyExcerpt;
        this.retryAfter = retryAfter;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Up to the first 512 characters of the body. */
    public String bodyExcerpt() {
        return bodyExcerpt;
    }

    /** The {@code Retry-After} header, when the answer (e.g. a proxy's 429 or 503) carried one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
