package dev.wacalls.media.record;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Reads lengths straight from the files FFmpeg reads and writes, so that finalisation needs neither ffprobe (jave
 * does not ship it) nor a second decoding pass: the last granule position of an Ogg Opus stream (RFC 7845), the
 * data chunk of a WAV file, the Xing/Info frame count of an MP3. Also the SHA-256 of a file.
 */
final class AudioFiles {
    /** RFC 7845 §4: Opus granule positions always count 48 kHz samples, whatever the input rate was. */
    /** RFC 3533: a page is at most 27 + 255 header bytes and 255 × 255 body bytes. */
    private static final int MAX_PAGE = OggPages.MAX_PAGE_LENGTH;

    private AudioFiles() {}

    /** An Ogg Opus stream's identification header and length. */
    record OggOpus(int channels, int preSkip, long samples) {
        Duration duration() {
            return durationOf(samples, OpusPackets.SAMPLE_RATE);
        }
    }

    /**
     * The first logical stream of an Ogg Opus file: channels and pre-skip from its OpusHead, length from the granule
     * position of the last complete page with a valid CRC, minus the pre-skip (RFC 7845 §4.2, §4.5). A page cut short
     * at the end (a crash mid-write) is skipped, as a decoder would.
     *
     * @throws IOException when the file is not Ogg Opus or holds no complete page
     */
    static OggOpus oggOpus(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            byte[] head = read(channel, 0, (int) Math.min(size, MAX_PAGE));
            OggPages.Page first = OggPages.parse(head, 0, head.length);
            if (first == null) {
                throw new IOException(file + " does not start with a complete Ogg page");
            }
            int p = first.bodyOffset();
            if (first.bodyLength() < 19 || !new String(head, p, 8, StandardCharsets.ISO_8859_1).equals("OpusHead")) {
                throw new IOException(file + " is Ogg but its first packet is not an OpusHead");
            }
            if ((head[p + 8] & 0xf0) != 0) { // RFC 7845 §5.1: major version 0 only
                throw new IOException(file + " has an OpusHead of unsupported version " + (head[p + 8] & 0xff));
            }
            int channels = head[p + 9] & 0xff;
            int preSkip = (head[p + 10] & 0xff) | (head[p + 11] & 0xff) << 8;

            long from = Math.max(0, size - 2L * MAX_PAGE);
            byte[] tail = read(channel, from, (int) (size - from));
            for (int i = tail.length - 27; i >= 0; i--) {
                if (tail[i] != 'O' || tail[i + 1] != 'g' || tail[i + 2] != 'g' || tail[i + 3] != 'S') {
                    continue;
                }
                OggPages.Page page = OggPages.parse(tail, i, tail.length);
                // granule -1: no packet ends on this page (RFC 3533); another stream's pages are not ours.
                if (page != null && page.serial() == first.serial() && page.granule() != -1) {
                    return new OggOpus(channels, preSkip, Math.max(0, page.granule() - preSkip));
                }
            }
            throw new IOException(file + " has no complete Ogg page with a granule position at its end");
        }
    }

    /** A PCM WAV file's format and length, from its fmt and data chunks. */
    record Wav(int channels, int sampleRate, int bitsPerSample, long dataBytes) {
        long frames() {
            return dataBytes / ((long) channels * (bitsPerSample / 8));
        }

        Duration duration() {
            return durationOf(frames(), sampleRate);
        }
    }

    static Wav wav(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            byte[] riff = read(channel, 0, (int) Math.min(size, 12));
            if (riff.length < 12 || !ascii(riff, 0, 4).equals("RIFF") || !ascii(riff, 8, 4).equals("WAVE")) {
                throw new IOException(file + " is not a RIFF/WAVE file");
            }
            int channels = 0;
            int rate = 0;
            int bits = 0;
            long position = 12;
            while (position + 8 <= size) {
                byte[] chunk = read(channel, position, 8);
                String id = ascii(chunk, 0, 4);
                long length = le32(chunk, 4) & 0xffffffffL;
                if (id.equals("fmt ")) {
                    byte[] fmt = read(channel, position + 8, 16);
                    if (fmt.length < 16) {
                        throw new IOException(file + " has a truncated fmt chunk");
                    }
                    channels = (fmt[2] & 0xff) | (fmt[3] & 0xff) << 8;
                    rate = le32(fmt, 4);
                    bits = (fmt[14] & 0xff) | (fmt[15] & 0xff) << 8;
                } else if (id.equals("data")) {
                    if (channels == 0 || rate <= 0 || bits == 0) {
                        throw new IOException(file + " has its data chunk before a usable fmt chunk");
                    }
                    // A writer that could not seek back leaves the size at 0 or 0xFFFFFFFF: count to the end.
                    long available = size - position - 8;
                    long data = length == 0 || length == 0xffffffffL ? available : Math.min(length, available);
                    return new Wav(channels, rate, bits, data);
                }
                position += 8 + length + (length & 1); // chunks are padded to an even length
            }
            throw new IOException(file + " has no data chunk");
        }
    }

    /**
     * An MP3 file's length from the Xing/Info frame FFmpeg and LAME write first: frames × samples per frame, minus
     * the encoder delay and padding of the LAME tag. Null when the file has no such frame (then FFmpeg's own count is
     * used).
     */
    static @Nullable Duration mp3(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            byte[] b = read(channel, 0, (int) Math.min(channel.size(), 64 * 1024));
            int p = 0;
            if (b.length >= 10 && ascii(b, 0, 3).equals("ID3")) {
                int tagSize = (b[6] & 0x7f) << 21 | (b[7] & 0x7f) << 14 | (b[8] & 0x7f) << 7 | (b[9] & 0x7f);
                p = 10 + tagSize + ((b[5] & 0x10) != 0 ? 10 : 0);
            }
            while (p + 4 <= b.length && !((b[p] & 0xff) == 0xff && (b[p + 1] & 0xe0) == 0xe0)) {
                p++;
            }
            if (p + 4 > b.length) {
                return null;
            }
            int version = (b[p + 1] >> 3) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
            int layer = (b[p + 1] >> 1) & 3; // 1: Layer III
            int rateIndex = (b[p + 2] >> 2) & 3;
            boolean mono = ((b[p + 3] >> 6) & 3) == 3;
            if (layer != 1 || version == 1 || rateIndex == 3) {
                return null;
            }
            int[][] rates = {{11025, 12000, 8000}, {}, {22050, 24000, 16000}, {44100, 48000, 32000}};
            int rate = rates[version][rateIndex];
            boolean mpeg1 = version == 3;
            int x = p + 4 + (mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17));
            if (x + 8 > b.length || !(ascii(b, x, 4).equals("Xing") || ascii(b, x, 4).equals("Info"))) {
                return null;
            }
            int flags = be32(b, x + 4);
            if ((flags & 1) == 0) {
                return null;
            }
            long frames = be32(b, x + 8) & 0xffffffffL;
            int lame = x + 8 + 4 + ((flags & 2) != 0 ? 4 : 0) + ((flags & 4) != 0 ? 100 : 0) + ((flags & 8) != 0 ? 4 : 0);
            long delay = 0;
            long padding = 0;
            // Delay and padding only when a LAME-style tag is really there ("LAME", or FFmpeg's "Lavc"/"Lavf"):
            // without one those bytes are audio, and up to ~8,000 samples would be taken off the length.
            String encoder = lame + 4 <= b.length ? ascii(b, lame, 4) : "";
            boolean lameTag = encoder.equals("LAME") || encoder.startsWith("Lav") || encoder.equals("GOGO");
            if (lameTag && lame + 24 <= b.length) {
                delay = (b[lame + 21] & 0xff) << 4 | (b[lame + 22] & 0xff) >> 4;
                padding = (b[lame + 22] & 0x0f) << 8 | (b[lame + 23] & 0xff);
            }
            long samples = frames * (mpeg1 ? 1152 : 576) - delay - padding;
            return durationOf(Math.max(0, samples), rate);
        }
    }

    /** The SHA-256 of a file's bytes, lower-case hex. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static Duration durationOf(long samples, int rate) {
        return Duration.ofSeconds(samples / rate, (samples % rate) * 1_000_000_000L / rate);
    }

    private static byte[] read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(0, length));
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                break;
            }
        }
        byte[] bytes = new byte[buffer.position()];
        buffer.flip().get(bytes);
        return bytes;
    }

    private static String ascii(byte[] b, int offset, int length) {
        return offset + length <= b.length ? new String(b, offset, length, StandardCharsets.ISO_8859_1) : "";
    }

    private static int le32(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    private static int be32(byte[] b, int i) {
        return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }

}
