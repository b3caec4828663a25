package dev.wacalls.media.dtls;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The peer's certificate does not match the fingerprint of its SDP (or it sent none), so the party at the other end
 * of the media path is not the one that signalled the call (RFC 5763 §5, RFC 8122 §5). Never retry with the same
 * peer; treat it as a security event.
 *
 * <pre>{@code
 * } catch (DtlsFingerprintMismatchException e) {
 *     log.warn("expected {}, got {}", e.expected(), e.actual());
 * }
 * }</pre>
 */
public final class DtlsFingerprintMismatchException extends DtlsHandshakeException {
    private static final long serialVersionUID = 1L;

    /** The message of every instance starts with this. */
    public static final String MESSAGE = "certificate does not match the SDP fingerprint";

    private final transient List<DtlsFingerprint> expected;
    private final transient @Nullable DtlsFingerprint actual;

    DtlsFingerprintMismatchException(DtlsRole role, List<DtlsFingerprint> expected, @Nullable DtlsFingerprint actual) {
        super(role, MESSAGE + (actual == null
                ? ": the peer sent no certificate (expected " + expected + ")"
                : ": expected " + expected + ", the peer's is " + actual));
        this.expected = List.copyOf(expected);
        this.actual = actual;
    }

    /** The fingerprints from the peer's SDP. */
    public List<DtlsFingerprint> expected() {
        return expected;
    }

    /** The fingerprint of the certificate the peer presented, or {@code null} if it presented none. */
    public @Nullable DtlsFingerprint actual() {
        return actual;
    }
}
