package dev.wacalls.error;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The call could not be set up or its media failed: connection error (138004), SDP not applied in time (138007), and the terminate-webhook codes 138019–138023. */
public class CallFailedException extends GraphApiException {
    private static final long serialVersionUID = 1L;

    public CallFailedException(int httpStatus, MetaError error, @Nullable Duration retryAfter) {
        super(httpStatus, error, retryAfter);
    }
}
