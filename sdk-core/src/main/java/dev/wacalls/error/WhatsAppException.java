package dev.wacalls.error;

import org.jspecify.annotations.Nullable;

/** Root of every exception the wacalls client throws. Unchecked. */
public class WhatsAppException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WhatsAppException(String message) {
        super(message);
    }

    public WhatsAppException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
