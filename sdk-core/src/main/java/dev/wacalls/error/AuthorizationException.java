package dev.wacalls.error;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The access token is missing, expired or lacks a permission (190, 10, 200, or HTTP 401/403 without a calling code). */
public class AuthorizationException extends GraphApiException {
    private static final long serialVersionUID = 1L;

    public AuthorizationException(int httpStatus, MetaError error, @Nullable Duration retryAfter) {
        super(httpStatus, error, retryAfter);
    }
}
