package dev.wacalls.media.dtls;

/**
 * The DTLS handshake did not produce SRTP keys. The subclass says why; every one carries the role we played. The
 * transport has been closed when this is thrown.
 *
 * <pre>{@code
 * try {
 *     session = dtls.handshake(DtlsRole.CLIENT, transport, theirFingerprint);
 * } catch (DtlsFingerprintMismatchException e) {
 *     // someone other than the SDP's author answered: hang up, do not retry
 * } catch (DtlsTimeoutException e) {
 *     // no media path: Meta will end the call after 20 s without media anyway
 * } catch (DtlsHandshakeException e) {
 *     log.warn("DTLS failed as {}: {}", e.role(), e.getMessage());
 * }
 * }</pre>
 */
public abstract sealed class DtlsHandshakeException extends RuntimeException
        permits DtlsTimeoutException, DtlsFingerprintMismatchException, DtlsAlertException,
                DtlsNegotiationException, DtlsTransportException {
    private static final long serialVersionUID = 1L;

    private final DtlsRole role;

    DtlsHandshakeException(DtlsRole role, String message, Throwable cause) {
        super(message, cause);
        this.role = role;
    }

    DtlsHandshakeException(DtlsRole role, String message) {
        super(message);
        this.role = role;
    }

    /** The role we played. */
    public DtlsRole role() {
        return role;
    }
}
