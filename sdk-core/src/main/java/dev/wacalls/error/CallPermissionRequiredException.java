package dev.wacalls.error;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The user has not granted call permission (138006): send a call-permission request first. */
public class CallPermissionRequiredException extends GraphApiException {
    private static final long serialVersionUID = 1L;

    public CallPermissionRequiredException(int httpStatus, MetaError error, @Nullable Duration retryAfter) {
        super(httpStatus, error, retryAfter);
    }
}
