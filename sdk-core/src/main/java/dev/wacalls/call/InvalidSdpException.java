package dev.wacalls.call;

/**
 * An SDP offer or answer that a media leg cannot use: it does not parse, or it lacks what a WhatsApp call needs
 * (Opus 48000/2, a sha-256 fingerprint, ICE credentials, a DTLS role). The message names every problem found, with
 * the line where there is one, so that it can be logged as is.
 *
 * <pre>{@code
 * try {
 *     answer = leg.answerOffer(connect.sdp());
 * } catch (InvalidSdpException e) {
 *     client.calls().reject(callId);               // nothing was opened for this leg
 *     log.warn("unusable offer for {}: {}", callId, e.getMessage());
 * }
 * }</pre>
 */
public final class InvalidSdpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidSdpException(String message, Throwable cause) {
        super(message, cause);
    }
}
