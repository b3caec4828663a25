package dev.wacalls.media.dtls;

/**
 * The datagram transport failed or was closed during the handshake (for example because the call was hung up and
 * the engine closed the transport to abort it).
 *
 * <pre>{@code
 * transport.close();   // from another thread: the handshake ends with DtlsTransportException
 * }</pre>
 */
public final class DtlsTransportException extends DtlsHandshakeException {
    private static final long serialVersionUID = 1L;

    DtlsTransportException(DtlsRole role, String message, Throwable cause) {
        super(role, message, cause);
    }
}
