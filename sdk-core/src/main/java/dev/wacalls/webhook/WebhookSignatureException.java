package dev.wacalls.webhook;

/** The {@code X-Hub-Signature-256} header is missing, malformed, or does not match the body. */
public final class WebhookSignatureException extends WebhookException {
    private static final long serialVersionUID = 1L;

    /** What was wrong with the signature. */
    public enum Reason {
        MISSING,
        MALFORMED,
        MISMATCH
    }

    private final Reason reason;

    WebhookSignatureException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public int httpStatus() {
        return 401;
    }
}
