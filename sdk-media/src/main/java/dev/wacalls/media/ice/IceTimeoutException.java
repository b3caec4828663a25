package dev.wacalls.media.ice;

import java.time.Duration;

/**
 * No pair was nominated within {@link IceConfig#connectTimeout()}. Connectivity checks have been stopped.
 *
 * <pre>{@code
 * catch (ExecutionException e) {
 *     if (e.getCause() instanceof IceTimeoutException t) {
 *         log.warn("ICE gave up after {}", t.timeout());
 *     }
 * }
 * }</pre>
 */
public final class IceTimeoutException extends IceException {
    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    IceTimeoutException(Duration timeout, String detail) {
        super("no ICE candidate pair nominated within " + timeout.toMillis() + " ms" + detail);
        this.timeout = timeout;
    }

    /** The timeout that expired. */
    public Duration timeout() {
        return timeout;
    }
}
