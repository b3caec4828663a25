package dev.wacalls.error;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A permission request was refused because the user already granted a permanent permission (138017). */
public class PermanentPermissionExistsException extends GraphApiException {
    private static final long serialVersionUID = 1L;

    public PermanentPermissionExistsException(int httpStatus, MetaError error, @Nullable Duration retryAfter) {
        super(httpStatus, error, retryAfter);
    }
}
