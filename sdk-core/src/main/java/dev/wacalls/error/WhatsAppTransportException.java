package dev.wacalls.error;

/**
 * The request did not get an HTTP answer: connection refused, timeout, TLS failure, reset.
 * {@link #requestMayHaveBeenSent()} says whether Meta may have received and acted on it — when true, a
 * {@code connect} may have placed a call, so retrying it blindly could ring the candidate twice.
 */
public class WhatsAppTransportException extends WhatsAppException {
    private static final long serialVersionUID = 1L;
    private final boolean requestMayHaveBeenSent;

    public WhatsAppTransportException(String message, Throwable cause, boolean requestMayHaveBeenSent) {
        super(message, cause);
        this.requestMayHaveBeenSent = requestMayHaveBeenSent;
    }

    public boolean requestMayHaveBeenSent() {
        return requestMayHaveBeenSent;
    }
}
