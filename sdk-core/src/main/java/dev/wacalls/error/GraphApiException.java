package dev.wacalls.error;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Meta answered with an error object. The subclasses group the codes by what a caller does about them; this
 * class is thrown as is for codes without a group.
 */
public class GraphApiException extends WhatsAppException {
    private static final long serialVersionUID = 1L;
    private final int httpStatus;
    private final MetaError error;
    private final @Nullable Duration retryAfter;

    public GraphApiException(int httpStatus, MetaError error, @Nullable Duration retryAfter) {
        super(describe(httpStatus, error));
        this.httpStatus = httpStatus;
        this.error = error;
        this.retryAfter = retryAfter;
    }

    private static String describe(int httpStatus, MetaError error) {
        StringBuilder sb = new StringBuilder();
        sb.append('(').append('#').append(error.code()).append(") ").append(error.message());
        if (error.details() != null && !error.details().isBlank()) {
            sb.append(" — ").append(error.details());
        }
        sb.append(" [HTTP ").append(httpStatus);
        if (error.fbtraceId() != null) {
            sb.append(", fbtrace_id ").append(error.fbtraceId());
        }
        return sb.append(']').toString();
    }

    /** Meta's numeric code, e.g. 138006. */
    public int code() {
        return error.code();
    }

    /** The documented meaning of {@link #code()}. */
    public MetaErrorCode errorCode() {
        return error.errorCode();
    }

    public int httpStatus() {
        return httpStatus;
    }

    public Optional<String> fbtraceId() {
        return Optional.ofNullable(error.fbtraceId());
    }

    /** {@code error_data.details}: SDP validation messages, the next allowed time for 138012, … */
    public Optional<String> details() {
        return Optional.ofNullable(error.details());
    }

    /** The whole error object as Meta sent it. */
    public MetaError error() {
        return error;
    }

    /** The {@code Retry-After} header, when Meta sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
