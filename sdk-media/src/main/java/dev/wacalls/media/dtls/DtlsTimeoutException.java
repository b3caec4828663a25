package dev.wacalls.media.dtls;

import java.time.Duration;

/**
 * The handshake did not complete within the configured timeout: the peer never answered, or stopped answering.
 *
 * <pre>{@code
 * DtlsEndpoint dtls = DtlsEndpoint.builder(certificate).handshakeTimeout(Duration.ofSeconds(10)).build();
 * // ... throws DtlsTimeoutException after about 10 s if nobody answers
 * }</pre>
 */
public final class DtlsTimeoutException extends DtlsHandshakeException {
    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    DtlsTimeoutException(DtlsRole role, Duration timeout, Throwable cause) {
        super(role, "DTLS handshake as " + role + " got no complete answer within " + timeout.toMillis() + " ms",
                cause);
        this.timeout = timeout;
    }

    /** The timeout that ran out. */
    public Duration timeout() {
        return timeout;
    }
}
