package dev.wacalls.media.ice;

/**
 * ICE did not produce a usable candidate pair. The subclass says why.
 *
 * <pre>{@code
 * session.start(remote, false).whenComplete((pair, error) -> {
 *     Throwable cause = error instanceof CompletionException ? error.getCause() : error;
 *     if (cause instanceof IceTimeoutException) {
 *         // no answer to our checks within the timeout: a firewall, or the remote is gone
 *     } else if (cause instanceof IceChecksFailedException) {
 *         // every pair failed (ICE state FAILED), e.g. wrong credentials or no reachable candidate
 *     }
 * });
 * }</pre>
 */
public abstract sealed class IceException extends RuntimeException
        permits IceTimeoutException, IceChecksFailedException, IceSessionClosedException, IcePortException,
                IceRouteConflictException {
    private static final long serialVersionUID = 1L;

    IceException(String message) {
        super(message);
    }

    IceException(String message, Throwable cause) {
        super(message, cause);
    }
}
