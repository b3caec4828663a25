package dev.wacalls.media.ice;

/**
 * A UDP port could not be bound: the configured single port is taken, or every port of the range is in use.
 *
 * <pre>{@code
 * try {
 *     IceSession session = ice.newSession();
 * } catch (IcePortException e) {
 *     // too many concurrent calls for IceConfig.portRange: refuse the call
 * }
 * }</pre>
 */
public final class IcePortException extends IceException {
    private static final long serialVersionUID = 1L;

    IcePortException(String message, Throwable cause) {
        super(message, cause);
    }
}
