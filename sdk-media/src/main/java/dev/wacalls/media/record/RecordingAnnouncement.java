package dev.wacalls.media.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A short prompt played to the candidate when a recorded call connects ("this call is recorded…"), held as the 20 ms
 * Opus packets the bridge sends in place of the recruiter's audio while it plays. It is encoded once, from a WAV, when
 * the application starts — never on a call's path — and shared by every call.
 *
 * <pre>{@code
 * RecordingAnnouncement notice = RecordingAnnouncement.fromWav(Path.of("prompts/recorded.wav"), Ffmpeg.bundled());
 * MediaBridge bridge = engine.bridge(whatsapp, browser, recorder, notice);   // plays once the candidate can hear
 * }</pre>
 *
 * <p>The packets are mono Opus at 48 kHz in 20 ms frames (FFmpeg's libopus, {@code voip} application), which every
 * WebRTC receiver decodes; the bridge gives them the WhatsApp leg's payload type, SSRC, sequence numbers and
 * timestamps.
 */
public final class RecordingAnnouncement {
    /** Longer prompts hold the recruiter's voice back too long: keep it to a sentence or two. */
    public static final Duration MAX_DURATION = Duration.ofSeconds(30);
    private static final Duration ENCODE_TIMEOUT = Duration.ofMinutes(1);

    private final List<byte[]> packets;

    private RecordingAnnouncement(List<byte[]> packets) {
        this.packets = packets;
    }

    /**
     * Encodes a WAV (any rate and channel count FFmpeg reads) to 20 ms Opus packets.
     *
     * @throws RecordingFinalizationException if FFmpeg cannot read the file or encode it; the message names the file
     * @throws IllegalArgumentException if the prompt is empty or longer than {@link #MAX_DURATION}
     */
    public static RecordingAnnouncement fromWav(Path wav, Ffmpeg ffmpeg) {
        Objects.requireNonNull(wav, "wav");
        if (!Files.isRegularFile(wav)) {
            throw new RecordingFinalizationException("the announcement " + wav + " does not exist", wav);
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("wacalls-announcement-");
            Path out = dir.resolve("announcement.opus");
            Ffmpeg.Result r = ffmpeg.run(List.of("-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                    // "file:" so that a name such as "pipe:0" or "http:…" is never taken for an FFmpeg protocol
                    "-i", "file:" + wav.toAbsolutePath(), "-ac", "1", "-ar", "48000", "-c:a", "libopus", "-b:a", "32k",
                    "-application", "voip", "-frame_duration", "20", "file:" + out), ENCODE_TIMEOUT);
            if (r.exitCode() != 0 || !Files.isRegularFile(out)) {
                throw new RecordingFinalizationException("FFmpeg could not encode the announcement " + wav, wav,
                        r.stderrTail(), null);
            }
            return ofOggOpus(Files.readAllBytes(out));
        } catch (IOException e) {
            throw new RecordingFinalizationException("cannot encode the announcement " + wav + ": " + e, wav, "", e);
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    /**
     * The audio packets of an Ogg Opus stream (RFC 7845: the first two packets are OpusHead and OpusTags).
     *
     * @throws IllegalArgumentException if it is not Ogg Opus with 20 ms packets, or is empty or too long
     */
    public static RecordingAnnouncement ofOggOpus(byte[] ogg) {
        List<byte[]> all = OggPacketReader.packets(ogg);
        if (all.size() < 2 || !startsWith(all.get(0), "OpusHead")) {
            throw new IllegalArgumentException("not an Ogg Opus stream (no OpusHead)");
        }
        return ofPackets(all.subList(2, all.size()));
    }

    /**
     * A prompt from 20 ms Opus packets (48 kHz), e.g. encoded elsewhere.
     *
     * @throws IllegalArgumentException if a packet is not 20 ms, or there are none, or too many
     */
    public static RecordingAnnouncement ofPackets(List<byte[]> opusPackets) {
        List<byte[]> copy = new ArrayList<>(opusPackets.size());
        for (byte[] p : opusPackets) {
            int samples = OpusPackets.samples(p, 0, p.length);
            if (samples != 960) {
                throw new IllegalArgumentException("announcement packets must be 20 ms (960 samples at 48 kHz), one is "
                        + samples + " samples");
            }
            copy.add(p.clone());
        }
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("the announcement has no audio");
        }
        if (copy.size() * 20L > MAX_DURATION.toMillis()) {
            throw new IllegalArgumentException("the announcement lasts " + copy.size() * 20 + " ms, more than "
                    + MAX_DURATION.toSeconds() + " s");
        }
        return new RecordingAnnouncement(List.copyOf(copy));
    }

    /** The 20 ms Opus packets, in order (shared: do not modify). */
    public List<byte[]> packets() {
        return packets;
    }

    /** How long it plays. */
    public Duration duration() {
        return Duration.ofMillis(packets.size() * 20L);
    }

    @Override
    public String toString() {
        return "RecordingAnnouncement[" + duration().toMillis() + " ms, " + packets.size() + " packets]";
    }

    private static boolean startsWith(byte[] packet, String magic) {
        if (packet.length < magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (packet[i] != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
