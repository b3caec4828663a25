package dev.wacalls.error;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The user cannot be reached this way: not callable (138001), already in a call with us (138003), not on a test number's allow-list (131030), WhatsApp too old (131026). */
public class RecipientUnavailableException extends GraphApiException {
    private static final long serialVersionUID = 1L;

    public RecipientUnavailableException(int httpStatus, MetaError error, @Nullable Duration retryAfter) {
        super(httpStatus, error, retryAfter);
    }
}
