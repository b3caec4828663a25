package dev.wacalls.media.rtp;

/**
 * Receives each key press a {@link DtmfDetector} recognises, once.
 *
 * <pre>{@code
 * DtmfDetector detector = new DtmfDetector((event, duration, volume, timestamp, endSeen) ->
 *         ivr.onKey(TelephoneEvent.symbol(event), duration / 8));   // 8 kHz units → ms
 * }</pre>
 */
@FunctionalInterface
public interface DtmfListener {
    /**
     * One key press.
     *
     * @param event the RFC 4733 event code ({@link TelephoneEvent#symbol(int)} gives the key)
     * @param duration the event's duration in timestamp units of its clock (8,000 Hz for WhatsApp)
     * @param volume 0–63, i.e. 0 to −63 dBm0
     * @param rtpTimestamp the event's RTP timestamp (the same in all its packets), unsigned 32-bit
     * @param endSeen {@code false} when no end packet arrived and the event was closed by the next one or by
     *     {@link DtmfDetector#flush()}; the duration is then the last one reported
     */
    void onDtmf(int event, int duration, int volume, long rtpTimestamp, boolean endSeen);
}
