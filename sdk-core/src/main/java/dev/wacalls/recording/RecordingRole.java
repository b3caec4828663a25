package dev.wacalls.recording;

/**
 * What a file of a call's recording is for.
 *
 * <pre>{@code
 * recording.file(RecordingRole.CANDIDATE_SPEECH_16K).ifPresent(f -> transcriber.submit(storage.open(id, f.name())));
 * }</pre>
 */
public enum RecordingRole {
    /** The recording people listen to: recruiter on the left channel, candidate on the right. */
    STEREO,
    /** What the recruiter said, as the recorder wrote it during the call (mono, on the call's clock). */
    RECRUITER_TRACK,
    /** What the candidate said, as the recorder wrote it during the call (mono, on the call's clock). */
    CANDIDATE_TRACK,
    /** The recruiter's voice as 16 kHz mono 16-bit WAV, the input speech-to-text engines expect. */
    RECRUITER_SPEECH_16K,
    /** The candidate's voice as 16 kHz mono 16-bit WAV, the input speech-to-text engines expect. */
    CANDIDATE_SPEECH_16K
}
