package dev.wacalls.error;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A request parameter was refused (code 100); {@link #details()} says which — for SDP, Meta's validation text. */
public class InvalidParameterException extends GraphApiException {
    private static final long serialVersionUID = 1L;

    public InvalidParameterException(int httpStatus, MetaError error, @Nullable Duration retryAfter) {
        super(httpStatus, error, retryAfter);
    }
}
