package dev.wacalls.media.ice;

/**
 * The session was closed (the call ended) before ICE completed.
 *
 * <pre>{@code
 * session.close();   // a pending session.connected() now fails with IceSessionClosedException
 * }</pre>
 */
public final class IceSessionClosedException extends IceException {
    private static final long serialVersionUID = 1L;

    IceSessionClosedException(String message) {
        super(message);
    }
}
