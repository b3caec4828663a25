package dev.wacalls.media.record;

/**
 * Reads what the recorder needs from an Opus packet without decoding it: its duration, from the TOC byte and the
 * frame count (RFC 6716 §3.1), and writes the digital-silence packets that fill the gaps of a track.
 *
 * <pre>{@code
 * int samples = OpusPackets.samples(payload, offset, length);   // 960 for a 20 ms packet, -1 if malformed
 * if (samples > 0) {
 *     granule += samples;
 * }
 * }</pre>
 *
 * <p>Durations are in samples at 48 kHz, the rate of both Opus's RTP clock (RFC 7587 §4.1) and Ogg Opus granule
 * positions (RFC 7845 §4), whatever bandwidth the encoder chose.
 */
public final class OpusPackets {
    /** Samples per second of Opus timestamps and granule positions. */
    public static final int SAMPLE_RATE = dev.wacalls.media.rtp.RtpPacket.OPUS_CLOCK_RATE;
    /** The smallest Opus frame, 2.5 ms: every packet lasts a multiple of it. */
    public static final int MIN_FRAME_SAMPLES = 120;
    /** 20 ms, the frame of WebRTC and WhatsApp ({@code ptime 20}). */
    public static final int FRAME_20MS = 960;
    /** RFC 6716 §3.2.5: a packet lasts at most 120 ms. */
    public static final int MAX_PACKET_SAMPLES = 5760;

    /**
     * Frame length in 2.5 ms units for each of the 32 configurations of the TOC byte (RFC 6716 §3.1, table 2): SILK
     * NB/MB/WB 10, 20, 40, 60 ms; hybrid SWB/FB 10, 20 ms; CELT NB/WB/SWB/FB 2.5, 5, 10, 20 ms.
     */
    private static final int[] FRAME_UNITS = {
        4, 8, 16, 24, 4, 8, 16, 24, 4, 8, 16, 24, // SILK-only
        4, 8, 4, 8,                               // hybrid
        1, 2, 4, 8, 1, 2, 4, 8, 1, 2, 4, 8, 1, 2, 4, 8 // CELT-only
    };

    /**
     * The CELT payload of one silent frame: the range coder reads the silence flag (RFC 6716 §4.3, the first symbol
     * of a CELT frame) as set from these two bytes, so the decoder outputs zeros and nothing else is coded. It is
     * what libopus emits for a digitally silent 20 ms frame ({@code F8 FF FE} with its TOC byte); the silence flag
     * does not depend on the frame size, so the same bytes serve the 2.5, 5 and 10 ms frames.
     */
    private static final byte SILENCE_0 = (byte) 0xFF;
    private static final byte SILENCE_1 = (byte) 0xFE;
    /** TOC of a CELT-only fullband mono frame; add the configuration's frame size bits. RFC 6716 §3.1. */
    private static final int TOC_CELT_FB = 28 << 3;
    /** Longest silence packet we write: 6 × 20 ms in one code 3 packet. */
    public static final int MAX_SILENCE_SAMPLES = 6 * FRAME_20MS;
    /** Bytes a silence packet of {@link #MAX_SILENCE_SAMPLES} takes: TOC, frame count, 6 × 2 bytes. */
    public static final int MAX_SILENCE_BYTES = 2 + 6 * 2;

    private OpusPackets() {}

    /**
     * The duration of the Opus packet {@code data[offset .. offset+length-1]} in 48 kHz samples, or -1 if it is not a
     * well-formed packet as far as the TOC byte and frame count tell (RFC 6716 §3.1, §3.2.5): empty, a code 3 packet
     * without its frame count byte or with zero frames, a code 1 packet of odd length, or longer than 120 ms.
     */
    public static int samples(byte[] data, int offset, int length) {
        if (length < 1) {
            return -1;
        }
        int toc = data[offset] & 0xFF;
        int frameSamples = FRAME_UNITS[toc >>> 3] * MIN_FRAME_SAMPLES;
        int frames;
        switch (toc & 0x03) {
            case 0:
                frames = 1;
                break;
            case 1:
                // Two frames of equal size (RFC 6716 §3.2.3, rule R3: the payload length is even).
                if (((length - 1) & 1) != 0) {
                    return -1;
                }
                frames = 2;
                break;
            case 2:
                frames = 2;
                break;
            default:
                if (length < 2) {
                    return -1;
                }
                frames = data[offset + 1] & 0x3F;
                if (frames == 0) {
                    return -1;
                }
                break;
        }
        int samples = frames * frameSamples;
        return samples > MAX_PACKET_SAMPLES ? -1 : samples;
    }

    /**
     * Writes a packet of digital silence lasting {@code samples} (a multiple of {@link #MIN_FRAME_SAMPLES}, at most
     * {@link #MAX_SILENCE_SAMPLES}) into {@code target} at {@code offset} and returns its length; {@code target} needs
     * {@link #MAX_SILENCE_BYTES} bytes of room. 20 ms and shorter single frames are one code 0 packet
     * ({@code F8 FF FE} for 20 ms); several 20 ms frames are one code 3 CBR packet (RFC 6716 §3.2.5).
     *
     * @throws IllegalArgumentException for a duration no silence packet has (a bug in the caller)
     */
    public static int writeSilence(byte[] target, int offset, int samples) {
        if (samples <= 0 || samples % MIN_FRAME_SAMPLES != 0 || samples > MAX_SILENCE_SAMPLES
                || (samples > FRAME_20MS && samples % FRAME_20MS != 0)) {
            throw new IllegalArgumentException("no single silence packet lasts " + samples + " samples");
        }
        if (samples <= FRAME_20MS) {
            int units = samples / MIN_FRAME_SAMPLES; // 1, 2, 4 or 8 (2.5, 5, 10, 20 ms)
            if (Integer.bitCount(units) != 1) {
                throw new IllegalArgumentException("no single Opus frame lasts " + samples + " samples");
            }
            target[offset] = (byte) (TOC_CELT_FB | (Integer.numberOfTrailingZeros(units) << 3));
            target[offset + 1] = SILENCE_0;
            target[offset + 2] = SILENCE_1;
            return 3;
        }
        int frames = samples / FRAME_20MS;
        target[offset] = (byte) (TOC_CELT_FB | (3 << 3) | 0x03);
        target[offset + 1] = (byte) frames; // CBR (v = 0), no padding (p = 0)
        int at = offset + 2;
        for (int i = 0; i < frames; i++) {
            target[at++] = SILENCE_0;
            target[at++] = SILENCE_1;
        }
        return at - offset;
    }

    /**
     * The longest silence packet duration that fits into {@code samples} (a positive multiple of
     * {@link #MIN_FRAME_SAMPLES}): whole 20 ms frames up to {@link #MAX_SILENCE_SAMPLES}, else the largest of 10, 5
     * and 2.5 ms that fits.
     */
    public static int silenceChunk(long samples) {
        if (samples >= FRAME_20MS) {
            return (int) Math.min(MAX_SILENCE_SAMPLES, samples / FRAME_20MS * FRAME_20MS);
        }
        int units = (int) (samples / MIN_FRAME_SAMPLES);
        return Integer.highestOneBit(units) * MIN_FRAME_SAMPLES;
    }
}
