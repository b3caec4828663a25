package dev.wacalls.media.rtp;

import java.util.Objects;

/**
 * Turns the RFC 4733 telephone-event packets of one stream into one {@link DtmfListener} call per key press. A sender
 * sends an event as a run of packets with the same timestamp and growing duration, and repeats the final (E bit)
 * packet three times (RFC 4733 §2.5.1.4); the detector reports the event on the first end packet and ignores the
 * repeats, and still reports an event whose end packets were all lost when the next event starts or on
 * {@link #flush()}.
 *
 * <pre>{@code
 * DtmfDetector dtmf = new DtmfDetector((event, duration, volume, ts, endSeen) ->
 *         log.info("key {} for {} ms", TelephoneEvent.symbol(event), duration / 8));
 * if (RtpPacket.payloadType(a, off) == TelephoneEvent.WHATSAPP_PAYLOAD_TYPE) {
 *     dtmf.onPacket(RtpPacket.timestamp(a, off), a, RtpPacket.payloadOffset(a, off, len),
 *             RtpPacket.payloadLength(a, off, len));
 * }
 * }</pre>
 *
 * <p>Not thread-safe (one per incoming stream, on its I/O thread); allocates nothing.
 */
public final class DtmfDetector {
    private final DtmfListener listener;

    private boolean active;
    private boolean reported;
    private long timestamp;
    private int event;
    private int duration;
    private int volume;

    private boolean haveLast;
    private long lastTimestamp;

    private long events;
    private long repeatsIgnored;
    private long missingEnds;
    private long malformed;

    /** A detector that reports to {@code listener}. */
    public DtmfDetector(DtmfListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Feeds the payload of one telephone-event packet.
     *
     * @param rtpTimestamp the packet's RTP timestamp: the event's start, shared by all its packets
     */
    public void onPacket(long rtpTimestamp, byte[] data, int payloadOffset, int payloadLength) {
        if (payloadLength < TelephoneEvent.LENGTH) {
            malformed++;
            return;
        }
        long ts = rtpTimestamp & 0xFFFF_FFFFL;
        int code = TelephoneEvent.event(data, payloadOffset);
        boolean end = TelephoneEvent.isEnd(data, payloadOffset);
        int dur = TelephoneEvent.duration(data, payloadOffset);
        int vol = TelephoneEvent.volume(data, payloadOffset);

        if (active && ts == timestamp && code == event) {
            if (reported) {
                repeatsIgnored++; // the 2nd and 3rd end packets, or a late update after the end
                return;
            }
            duration = Math.max(duration, dur);
            volume = vol;
            if (end) {
                report(true);
            }
            return;
        }
        if (haveLast && (int) (ts - lastTimestamp) < 0) {
            // A packet of an older event (an end repeat overtaken by the next key): already reported.
            repeatsIgnored++;
            return;
        }
        if (active && !reported) {
            missingEnds++;
            report(false);
        }
        active = true;
        reported = false;
        timestamp = ts;
        event = code;
        duration = dur;
        volume = vol;
        haveLast = true;
        lastTimestamp = ts;
        if (end) {
            report(true);
        }
    }

    /** Reports the event in progress, if any, as ended without an end packet (call at the end of the call). */
    public void flush() {
        if (active && !reported) {
            missingEnds++;
            report(false);
        }
    }

    private void report(boolean endSeen) {
        reported = true;
        events++;
        listener.onDtmf(event, duration, volume, timestamp, endSeen);
    }

    /** Key presses reported. */
    public long events() {
        return events;
    }

    /** Repeated end packets (and late updates) ignored. */
    public long repeatsIgnored() {
        return repeatsIgnored;
    }

    /** Events reported without having seen their end packet. */
    public long missingEnds() {
        return missingEnds;
    }

    /** Payloads shorter than 4 bytes. */
    public long malformed() {
        return malformed;
    }
}
