package dev.wacalls.media.dtls;

/**
 * The peers share no acceptable parameters: no common SRTP protection profile, no {@code use_srtp} at all (a DTLS
 * peer that is not doing DTLS-SRTP), or a server answer that breaks RFC 5764 §4.1.1. Check the profile lists.
 *
 * <pre>{@code
 * } catch (DtlsNegotiationException e) {
 *     log.error("DTLS-SRTP negotiation failed: {}", e.getMessage());
 * }
 * }</pre>
 */
public final class DtlsNegotiationException extends DtlsHandshakeException {
    private static final long serialVersionUID = 1L;

    DtlsNegotiationException(DtlsRole role, String message) {
        super(role, message);
    }
}
