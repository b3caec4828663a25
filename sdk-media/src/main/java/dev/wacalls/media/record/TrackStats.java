package dev.wacalls.media.record;

/**
 * A snapshot of one {@link AlignedTrack}'s counters.
 *
 * <pre>{@code
 * TrackStats s = recorder.stats(Speaker.CANDIDATE);
 * log.info("candidate: {} packets, {} ms of silence inserted, {} late", s.packets(), s.silenceMillis(), s.late());
 * }</pre>
 *
 * @param packets audio packets written to the file
 * @param silencePackets silence packets inserted (leading silence, losses, pauses, padding to the call's end)
 * @param silenceSamples 48 kHz samples of inserted silence
 * @param samples 48 kHz samples on the track so far: its position on the call's timeline
 * @param late packets dropped because their place was already written
 * @param duplicates packets dropped because their sequence number was already seen
 * @param invalid packets dropped because they were not Opus
 * @param reanchors times the RTP timeline was re-anchored to the arrival clock (a timestamp jump or drift)
 */
public record TrackStats(
        long packets, long silencePackets, long silenceSamples, long samples, long late, long duplicates,
        long invalid, long reanchors) {

    /** {@link #silenceSamples} in milliseconds. */
    public long silenceMillis() {
        return silenceSamples / 48;
    }

    /** {@link #samples} in milliseconds. */
    public long millis() {
        return samples / 48;
    }
}
