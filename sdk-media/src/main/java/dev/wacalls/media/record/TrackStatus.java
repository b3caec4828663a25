package dev.wacalls.media.record;

/**
 * What {@link AlignedTrack#offer} did with a packet: a status value, never an exception, because it runs on the
 * packet path. Every status but {@link #ACCEPTED} is also counted by the track.
 *
 * <pre>{@code
 * TrackStatus s = track.offer(payload, off, len, seq, timestamp, System.nanoTime());
 * if (s == TrackStatus.FAILED) {
 *     alert(track.failure());
 * }
 * }</pre>
 */
public enum TrackStatus {
    /** Copied into the reordering window; it reaches the file when the window moves past it. */
    ACCEPTED,
    /** A sequence number already seen: dropped. */
    DUPLICATE,
    /** Its place on the timeline has already been written (it came later than the reordering window allows). */
    LATE,
    /** Not an Opus packet ({@link OpusPackets#samples} is -1) or longer than one Ogg page can hold. */
    INVALID,
    /** The file could not be written (disk full, …): the track stopped; what was written stays. */
    FAILED,
    /** The track was closed. */
    CLOSED
}
