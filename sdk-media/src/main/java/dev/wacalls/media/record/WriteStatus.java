package dev.wacalls.media.record;

/**
 * What {@link OggOpusWriter#writePacket} did with a packet: a status value, never an exception, because it runs on
 * the packet path.
 *
 * <pre>{@code
 * WriteStatus s = writer.writePacket(payload, offset, length);
 * if (s == WriteStatus.FAILED) {
 *     log.warn("recording stopped", writer.failure());
 * }
 * }</pre>
 */
public enum WriteStatus {
    /** On the current page, or already in the file. */
    WRITTEN,
    /** Not an Opus packet as far as its TOC byte and frame count tell ({@link OpusPackets#samples}); skipped. */
    INVALID,
    /** Longer than one Ogg page can hold (255 × 255 − 1 bytes; no RTP packet is); skipped. */
    TOO_LARGE,
    /** An earlier write failed (disk full, file closed under us): nothing more is written; see the failure. */
    FAILED,
    /** The writer was closed. */
    CLOSED
}
