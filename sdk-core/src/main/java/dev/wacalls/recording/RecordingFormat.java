package dev.wacalls.recording;

/**
 * How a recording file is encoded, with the file extension and the media type to serve it with (for an
 * {@code <audio>} element in the ATS, for instance).
 *
 * <pre>{@code
 * response.setContentType(recording.format().mediaType());   // audio/ogg
 * }</pre>
 */
public enum RecordingFormat {
    /** Opus in Ogg (RFC 7845): the default — about 6 kB per second of stereo speech at 48 kbit/s. */
    OGG_OPUS("opus", "audio/ogg"),
    /** MPEG-1 Layer III, for players that cannot play Opus. */
    MP3("mp3", "audio/mpeg"),
    /** 16-bit PCM in RIFF/WAVE: lossless and large (192 kB per second of 48 kHz stereo). */
    WAV("wav", "audio/wav");

    private final String extension;
    private final String mediaType;

    RecordingFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** The file extension, without the dot: {@code opus}, {@code mp3}, {@code wav}. */
    public String extension() {
        return extension;
    }

    /** The media (MIME) type: {@code audio/ogg}, {@code audio/mpeg}, {@code audio/wav}. */
    public String mediaType() {
        return mediaType;
    }
}
