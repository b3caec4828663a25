package dev.wacalls.error;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** No valid payment method is attached to the WhatsApp Business Account (131044). */
public class PaymentRequiredException extends GraphApiException {
    private static final long serialVersionUID = 1L;

    public PaymentRequiredException(int httpStatus, MetaError error, @Nullable Duration retryAfter) {
        super(httpStatus, error, retryAfter);
    }
}
