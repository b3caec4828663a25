package dev.wacalls.error;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Calling cannot be used on this business number now: not enabled (138000), not available in its country (138013), paused for low quality (138014), messaging limit too low (138015), prerequisites missing (138018), SIP enabled (131055), interactive call messages unsupported (131009). */
public class CallingUnavailableException extends GraphApiException {
    private static final long serialVersionUID = 1L;

    public CallingUnavailableException(int httpStatus, MetaError error, @Nullable Duration retryAfter) {
        super(httpStatus, error, retryAfter);
    }
}
