package dev.wacalls.error;

/**
 * Meta (or a proxy in between) answered with something that is not the documented shape: a non-JSON body, a
 * truncated body, a field of the wrong type, or an error without an {@code error} object. Carries the HTTP
 * status and the start of the body for the log.
 */
public class UnexpectedResponseException extends WhatsAppException {
    private static final long serialVersionUID = 1L;
    private final int httpStatus;
    private final String bodyExcerpt;

    public UnexpectedResponseException(String message, int httpStatus, String bodyExcerpt) {
        super(message + " (HTTP " + httpStatus + ")");
        this.httpStatus = httpStatus;
        this.bodyExcerpt = bodyExcerpt;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Up to the first 512 characters of the body. */
    public String bodyExcerpt() {
        return bodyExcerpt;
    }
}
