package dev.wacalls.media.record;

/**
 * Whose voice a track holds; each has its own file in the recording's directory.
 *
 * <pre>{@code
 * Path candidate = recordingDirectory.resolve(Speaker.CANDIDATE.fileName());   // candidate.opus
 * }</pre>
 */
public enum Speaker {
    /** The recruiter, on the browser leg. */
    RECRUITER("recruiter.opus"),
    /** The candidate, on the WhatsApp leg. */
    CANDIDATE("candidate.opus");

    private final String fileName;

    Speaker(String fileName) {
        this.fileName = fileName;
    }

    /** The track's file name inside the recording's directory. */
    public String fileName() {
        return fileName;
    }

    /** The other party. */
    public Speaker other() {
        return this == RECRUITER ? CANDIDATE : RECRUITER;
    }
}
