package dev.wacalls.media.dtls;

import org.bouncycastle.tls.AlertDescription;

/**
 * The handshake was ended by a fatal TLS alert: either the peer sent one (it refused something of ours, e.g. our
 * certificate against our SDP fingerprint) or we sent one because the peer's messages broke the protocol.
 *
 * <pre>{@code
 * } catch (DtlsAlertException e) {
 *     log.warn("DTLS alert {} ({})", e.alertName(), e.sentByPeer() ? "from the peer" : "from us");
 * }
 * }</pre>
 */
public final class DtlsAlertException extends DtlsHandshakeException {
    private static final long serialVersionUID = 1L;

    private final short alertDescription;
    private final boolean sentByPeer;

    DtlsAlertException(DtlsRole role, short alertDescription, boolean sentByPeer, String detail, Throwable cause) {
        super(role, (sentByPeer ? "the peer aborted the DTLS handshake with alert " : "we aborted the DTLS handshake "
                + "with alert ") + AlertDescription.getText(alertDescription) + (detail.isEmpty() ? "" : ": " + detail),
                cause);
        this.alertDescription = alertDescription;
        this.sentByPeer = sentByPeer;
    }

    /** The TLS alert code (RFC 5246 §7.2), e.g. 42 for {@code bad_certificate}. */
    public short alertDescription() {
        return alertDescription;
    }

    /** The alert's name, e.g. {@code bad_certificate}. */
    public String alertName() {
        return AlertDescription.getName(alertDescription);
    }

    /** Whether the peer sent the alert (otherwise we did). */
    public boolean sentByPeer() {
        return sentByPeer;
    }
}
