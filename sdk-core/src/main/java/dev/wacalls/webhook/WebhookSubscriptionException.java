package dev.wacalls.webhook;

/** The GET verification handshake was not Meta's, or carried the wrong verify token. */
public final class WebhookSubscriptionException extends WebhookException {
    private static final long serialVersionUID = 1L;

    WebhookSubscriptionException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 403;
    }
}
