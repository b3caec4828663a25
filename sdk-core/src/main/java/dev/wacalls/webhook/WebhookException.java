package dev.wacalls.webhook;

/**
 * A webhook request was refused. Answer Meta with {@link #httpStatus()}: 401/403 for signatures and tokens (Meta
 * does not retry forever on those), 400/413 for bodies.
 */
public abstract sealed class WebhookException extends RuntimeException
        permits WebhookSignatureException, WebhookPayloadException, WebhookSubscriptionException {
    private static final long serialVersionUID = 1L;

    WebhookException(String message, Throwable cause) {
        super(message, cause);
    }

    WebhookException(String message) {
        super(message);
    }

    /** The HTTP status to answer with. */
    public abstract int httpStatus();
}
