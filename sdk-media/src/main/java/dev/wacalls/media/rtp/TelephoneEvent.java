package dev.wacalls.media.rtp;

/**
 * The RFC 4733 telephone-event payload (§2.3), read and written in place. WhatsApp sends DTMF only this way, on
 * {@code telephone-event/8000} payload type 126, in the audio stream's sequence and timestamp space, with the
 * duration in 8 kHz units (whatsapp-calling-api §6.5).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     event     |E|R| volume    |          duration             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <pre>{@code
 * int p = RtpPacket.payloadOffset(a, off, len);
 * char key = TelephoneEvent.symbol(TelephoneEvent.event(a, p));       // '5'
 * boolean last = TelephoneEvent.isEnd(a, p);
 * int millis = TelephoneEvent.duration(a, p) / 8;                      // 8 kHz clock
 * }</pre>
 */
public final class TelephoneEvent {
    /** Bytes of one event. */
    public static final int LENGTH = 4;
    /** The payload type WhatsApp uses for {@code telephone-event/8000}. */
    public static final int WHATSAPP_PAYLOAD_TYPE = 126;
    /** The DTMF events are 0–15 (RFC 4733 §3.2). */
    public static final int MAX_DTMF_EVENT = 15;

    private static final String SYMBOLS = "0123456789*#ABCD";

    private TelephoneEvent() {}

    /** The event code (0–9 digits, 10 '*', 11 '#', 12–15 A–D; other codes are other tones). */
    public static int event(byte[] data, int offset) {
        return data[offset] & 0xFF;
    }

    /** The E bit: this is (a retransmission of) the last packet of the event. */
    public static boolean isEnd(byte[] data, int offset) {
        return (data[offset + 1] & 0x80) != 0;
    }

    /** The volume, 0 to 63 meaning 0 to −63 dBm0. */
    public static int volume(byte[] data, int offset) {
        return data[offset + 1] & 0x3F;
    }

    /** The duration so far, in timestamp units of the event's clock (8,000 Hz here), unsigned 16-bit. */
    public static int duration(byte[] data, int offset) {
        return RtpPacket.readU16(data, offset + 2);
    }

    /** Writes one event payload (the R bit zero, RFC 4733 §2.3.3) and returns {@value #LENGTH}. */
    public static int write(byte[] data, int offset, int event, boolean end, int volume, int duration) {
        data[offset] = (byte) event;
        data[offset + 1] = (byte) ((end ? 0x80 : 0) | (volume & 0x3F));
        RtpPacket.writeU16(data, offset + 2, duration);
        return LENGTH;
    }

    /** The keypad symbol of a DTMF event ('0'–'9', '*', '#', 'A'–'D'), or '?' for other events. */
    public static char symbol(int event) {
        return event >= 0 && event <= MAX_DTMF_EVENT ? SYMBOLS.charAt(event) : '?';
    }

    /** The event code of a keypad symbol, or -1. */
    public static int eventOf(char symbol) {
        return SYMBOLS.indexOf(Character.toUpperCase(symbol));
    }
}
