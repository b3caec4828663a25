package dev.wacalls.media.ice;

/**
 * ICE processing ended in the FAILED state (RFC 8445 §6.1.2.1: every check list failed) before the timeout, or
 * could not start because the remote offered no usable candidate.
 *
 * <pre>{@code
 * if (cause instanceof IceChecksFailedException) {
 *     // wrong ice-pwd, or no candidate we can reach: retrying with the same SDP will not help
 * }
 * }</pre>
 */
public final class IceChecksFailedException extends IceException {
    private static final long serialVersionUID = 1L;

    IceChecksFailedException(String message) {
        super(message);
    }
}
