package dev.wacalls.media.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Writes Opus packets, as they arrive, into an Ogg Opus file (RFC 7845): mono, 48 kHz, each packet passed through
 * byte for byte (no decoding, no re-encoding). Pages reach the file while the call goes on, so that a crash of the
 * process loses only the page being filled; {@link OggRecovery} finishes such a file.
 *
 * <pre>{@code
 * try (OggOpusWriter writer = OggOpusWriter.builder()
 *         .comment("WACALLS_CALL_ID", "wacid.ABC")
 *         .maxPageDuration(Duration.ofMillis(250))
 *         .open(Path.of("candidate.opus"))) {
 *     for (byte[] opus : packets) {
 *         writer.writePacket(opus, 0, opus.length);    // WriteStatus, never an exception
 *     }
 * }   // the last page gets the end-of-stream flag
 * }</pre>
 *
 * <h2>The file</h2>
 * <ul>
 *   <li>Page 0: the {@code OpusHead} packet alone, beginning-of-stream flag; page 1: {@code OpusTags} (vendor
 *       {@value #VENDOR}, optional comments); both with granule position 0 (RFC 7845 §3).</li>
 *   <li>Then audio pages. A packet never spans pages, so every audio page's granule position is the number of
 *       48 kHz samples up to the end of its last packet (RFC 7845 §4), and a page whose CRC checks always holds whole
 *       packets — which is what makes recovery after a crash a matter of cutting at the last good page.</li>
 *   <li>A page is closed and written when it holds {@linkplain Builder#maxPageDuration the maximum duration} of
 *       audio (250 ms by default) or 255 segments, whichever comes first; the last page carries the end-of-stream
 *       flag.</li>
 *   <li>The stream serial number is random (RFC 3533 §4: unique within a physical stream; random makes files easy to
 *       chain or mix).</li>
 * </ul>
 *
 * <p>Memory: one page buffer, reused for every page and grown only for a page bigger than any before; after the
 * first pages nothing is allocated per packet. Writes are plain {@link FileChannel} writes, one per page, from the
 * calling thread — or, with {@link Builder#io}, from an I/O executor that the calling thread only hands pooled
 * copies to; with {@link FsyncPolicy#EVERY_PAGE} each is followed by a force.
 *
 * <p>An {@link IOException} while writing (a full disk, say) does not escape {@link #writePacket}: it is kept
 * ({@link #failure()}), the pages written so far stay, and every later packet answers {@link WriteStatus#FAILED}.
 *
 * <p>Not thread-safe: one thread at a time (the recorder holds a lock per track).
 */
public final class OggOpusWriter implements AutoCloseable {
    /** The vendor string of the {@code OpusTags} header. */
    public static final String VENDOR = "wacalls";
    /** Default {@linkplain Builder#maxPageDuration page duration}: 250 ms. */
    public static final Duration DEFAULT_MAX_PAGE_DURATION = Duration.ofMillis(250);

    private static final int INITIAL_BODY_CAPACITY = 4096;

    private final FileChannel channel;
    private final PageSink sink;
    private final int serial;
    private final long maxPageSamples;
    private final FsyncPolicy fsync;
    private final byte[] lacing = new byte[OggPages.MAX_SEGMENTS];

    /** Page bytes: the header is assembled right-aligned before the body, which starts at MAX_HEADER_LENGTH. */
    private byte[] page;
    private int segments;
    private int bodyLength;
    private long pageSamples;
    private long granule;
    private int pageSequence;
    private long filePosition;

    /** The last page written, while its bytes are still in {@link #page}: close() may have to flag it EOS. */
    private boolean lastPageInBuffer;
    private int lastPageStart;
    private int lastPageLength;
    private long lastPagePosition;

    private long packets;
    private long pages;
    private @Nullable IOException failure;
    private boolean closed;

    private OggOpusWriter(FileChannel channel, Builder b) {
        this.channel = channel;
        this.sink = b.io == null ? PageSink.direct(channel)
                : PageSink.queued(channel, b.io, b.maxQueuedBytes, b.fsync == FsyncPolicy.EVERY_PAGE);
        this.serial = b.serial != null ? b.serial : ThreadLocalRandom.current().nextInt();
        this.maxPageSamples = Math.max(1, b.maxPageDuration.toNanos() * OpusPackets.SAMPLE_RATE / 1_000_000_000L);
        this.fsync = b.fsync;
        this.page = new byte[OggPages.MAX_HEADER_LENGTH + INITIAL_BODY_CAPACITY];
    }

    /** A builder for a mono 48 kHz Ogg Opus file. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds one Opus packet (the RTP payload, RFC 7587) to the stream. The bytes are copied; the caller keeps its
     * buffer.
     *
     * @return {@link WriteStatus#WRITTEN}, or why the packet was not
     */
    public WriteStatus writePacket(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        int samples = OpusPackets.samples(data, offset, length);
        if (samples < 0) {
            return closed ? WriteStatus.CLOSED : failure != null ? WriteStatus.FAILED : WriteStatus.INVALID;
        }
        return append(data, offset, length, samples);
    }

    /** {@link #writePacket} for a packet whose duration the caller already knows (and checked). */
    WriteStatus append(byte[] data, int offset, int length, int samples) {
        if (closed) {
            return WriteStatus.CLOSED;
        }
        if (failure != null) {
            return WriteStatus.FAILED;
        }
        int needed = length / 255 + 1; // a packet of a multiple of 255 bytes ends with a 0-byte segment
        if (needed > OggPages.MAX_SEGMENTS) {
            return WriteStatus.TOO_LARGE;
        }
        if (segments + needed > OggPages.MAX_SEGMENTS && !writePage(0)) {
            return WriteStatus.FAILED;
        }
        ensureBodyCapacity(bodyLength + length);
        lastPageInBuffer = false; // the new body overwrites it
        for (int i = 0; i < needed - 1; i++) {
            lacing[segments++] = (byte) 255;
        }
        lacing[segments++] = (byte) (length % 255);
        System.arraycopy(data, offset, page, OggPages.MAX_HEADER_LENGTH + bodyLength, length);
        bodyLength += length;
        granule += samples;
        pageSamples += samples;
        packets++;
        if (pageSamples >= maxPageSamples && !writePage(0)) {
            return WriteStatus.FAILED;
        }
        return WriteStatus.WRITTEN;
    }

    /**
     * Closes the page being filled and writes it now, even if it holds less than the maximum duration: for a track
     * that went quiet, so that what it has is on disk.
     */
    public WriteStatus flush() {
        if (closed) {
            return WriteStatus.CLOSED;
        }
        if (failure != null) {
            return WriteStatus.FAILED;
        }
        return writePage(0) ? WriteStatus.WRITTEN : WriteStatus.FAILED;
    }

    /**
     * Writes the last page with the end-of-stream flag (or sets the flag on the page already written, if the current
     * one is empty) and closes the file. Idempotent.
     *
     * @throws IOException if the last page could not be written or the file not closed; an earlier write failure is
     *     not thrown again (see {@link #failure()})
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        // An interrupt must not turn a good ending into a failure (FileChannel.force throws ClosedByInterrupt and
        // closes the channel): clear it while ending the file, and hand it back afterwards.
        boolean interrupted = Thread.interrupted();
        try {
            if (failure == null) {
                if (segments > 0) {
                    if (!writePage(OggPages.FLAG_EOS)) {
                        throw Objects.requireNonNull(failure);
                    }
                } else if (lastPageInBuffer) {
                    OggPages.markEos(page, lastPageStart, lastPageLength);
                    writeFully(lastPageStart, lastPageLength, lastPagePosition);
                }
                // Everything queued for the I/O thread reaches the file first.
                sink.flush();
                // Once per call, whatever the policy: the manifest that says "closed" is forced to disk, so the
                // audio it vouches for must be there first (after a power loss recovery would not look again).
                channel.force(false);
            }
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
            throw e;
        } finally {
            try {
                sink.flush(); // pages queued before a failure still go to the file, and the channel must outlive them
            } catch (IOException ignored) {
                // already reported as this writer's failure
            }
            channel.close();
            if (interrupted || Thread.interrupted()) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** 48 kHz samples in all packets written so far (buffered or not): the stream's duration. */
    public long samples() {
        return granule;
    }

    /** Audio packets accepted. */
    public long packets() {
        return packets;
    }

    /** Pages written to the file, headers included. */
    public long pages() {
        return pages;
    }

    /** Bytes written to the file. */
    public long bytesWritten() {
        return filePosition;
    }

    /** The stream serial number. */
    public int serial() {
        return serial;
    }

    /** The first write error, after which nothing more was written; null while all is well. */
    public @Nullable IOException failure() {
        return failure;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    private void writeHeaders(List<String> comments) throws IOException {
        byte[] head = new byte[19];
        System.arraycopy("OpusHead".getBytes(StandardCharsets.US_ASCII), 0, head, 0, 8);
        head[8] = 1; // version (RFC 7845 §5.1)
        head[9] = 1; // channel count: one voice per file
        // Pre-skip 0. An encoder announces its look-ahead here so that players drop the first samples it delayed.
        // We are not the encoder: the packets are the far end's, as the other party's decoder played them out in the
        // call — with no pre-skip. Announcing one would move this track earlier than the call's clock (and than the
        // other voice's track) by that much.
        OggPages.writeU16(head, 10, 0);
        OggPages.writeI32(head, 12, OpusPackets.SAMPLE_RATE); // input sample rate, informational
        OggPages.writeU16(head, 16, 0); // output gain
        head[18] = 0; // channel mapping family 0: mono or stereo, no mapping table
        appendHeader(head);

        byte[] vendor = VENDOR.getBytes(StandardCharsets.UTF_8);
        List<byte[]> encoded = new ArrayList<>(comments.size());
        int length = 8 + 4 + vendor.length + 4;
        for (String c : comments) {
            byte[] e = c.getBytes(StandardCharsets.UTF_8);
            encoded.add(e);
            length += 4 + e.length;
        }
        byte[] tags = new byte[length];
        System.arraycopy("OpusTags".getBytes(StandardCharsets.US_ASCII), 0, tags, 0, 8);
        int at = 8;
        OggPages.writeI32(tags, at, vendor.length);
        System.arraycopy(vendor, 0, tags, at + 4, vendor.length);
        at += 4 + vendor.length;
        OggPages.writeI32(tags, at, encoded.size());
        at += 4;
        for (byte[] e : encoded) {
            OggPages.writeI32(tags, at, e.length);
            System.arraycopy(e, 0, tags, at + 4, e.length);
            at += 4 + e.length;
        }
        appendHeader(tags); // RFC 7845 §3: the comment header ends its page; audio starts on a fresh one
        packets = 0; // count audio packets only
    }

    /** A header packet on a page of its own (granule 0). */
    private void appendHeader(byte[] packet) throws IOException {
        if (append(packet, 0, packet.length, 0) != WriteStatus.WRITTEN || !writePage(0)) {
            IOException f = failure;
            throw f != null ? f : new IOException("Ogg Opus header of " + packet.length + " bytes does not fit a page");
        }
    }

    /** Closes the current page (if it has any segment) and writes it; false once writing failed. */
    private boolean writePage(int extraFlags) {
        if (segments == 0) {
            return true;
        }
        int headerLength = OggPages.HEADER_LENGTH + segments;
        int start = OggPages.MAX_HEADER_LENGTH - headerLength;
        int length = headerLength + bodyLength;
        byte[] p = page;
        p[start] = 'O';
        p[start + 1] = 'g';
        p[start + 2] = 'g';
        p[start + 3] = 'S';
        p[start + 4] = 0; // stream structure version
        p[start + OggPages.FLAGS_OFFSET] = (byte) ((pageSequence == 0 ? OggPages.FLAG_BOS : 0) | extraFlags);
        // Packets never span pages, so the granule is always that of the page's last packet, never -1.
        OggPages.writeI64(p, start + OggPages.GRANULE_OFFSET, granule);
        OggPages.writeI32(p, start + OggPages.SERIAL_OFFSET, serial);
        OggPages.writeI32(p, start + OggPages.SEQUENCE_OFFSET, pageSequence);
        p[start + OggPages.SEGMENTS_OFFSET] = (byte) segments;
        System.arraycopy(lacing, 0, p, start + OggPages.HEADER_LENGTH, segments);
        OggPages.sealCrc(p, start, length);

        long position = filePosition;
        try {
            sink.write(p, start, length, position);
            if (fsync == FsyncPolicy.EVERY_PAGE && sink instanceof PageSink.Direct) {
                channel.force(false);
            }
        } catch (IOException e) {
            // Keep what is on disk; the page may be half written, which recovery cuts off by its CRC.
            failure = e;
            return false;
        }
        filePosition = position + length;
        pages++;
        pageSequence++;
        segments = 0;
        bodyLength = 0;
        pageSamples = 0;
        lastPageInBuffer = true;
        lastPageStart = start;
        lastPageLength = length;
        lastPagePosition = position;
        return true;
    }

    private void writeFully(int start, int length, long position) throws IOException {
        sink.write(page, start, length, position);
    }

    private void ensureBodyCapacity(int bodyBytes) {
        int needed = OggPages.MAX_HEADER_LENGTH + bodyBytes;
        if (needed <= page.length) {
            return;
        }
        // Rare: a page bigger than any before. Bounded by 255 segments of 255 bytes.
        int capacity = Math.min(OggPages.MAX_PAGE_LENGTH, Math.max(needed, page.length * 2));
        byte[] bigger = new byte[capacity];
        System.arraycopy(page, 0, bigger, 0, OggPages.MAX_HEADER_LENGTH + bodyLength);
        page = bigger;
    }

    /** Options of an {@link OggOpusWriter}; {@link #open} writes the two header pages. */
    public static final class Builder {
        private @Nullable Integer serial;
        private final List<String> comments = new ArrayList<>();
        private Duration maxPageDuration = DEFAULT_MAX_PAGE_DURATION;
        private FsyncPolicy fsync = FsyncPolicy.NONE;
        private @Nullable Executor io;
        private int maxQueuedBytes = PageSink.DEFAULT_MAX_QUEUED_BYTES;

        private Builder() {}

        /**
         * Writes pages on {@code io} instead of the calling thread — the thread that carries the call's packets then
         * never waits for the disk. Pages are copied into pooled buffers and written in order; a disk that falls
         * behind by more than {@code maxQueuedBytes} fails the track like a full one. Default: the calling thread.
         */
        public Builder io(Executor io, int maxQueuedBytes) {
            this.io = Objects.requireNonNull(io, "io");
            if (maxQueuedBytes < OggPages.MAX_PAGE_LENGTH) {
                throw new IllegalArgumentException("maxQueuedBytes below one page: " + maxQueuedBytes);
            }
            this.maxQueuedBytes = maxQueuedBytes;
            return this;
        }

        /** The stream serial number; random by default. */
        public Builder serial(int serial) {
            this.serial = serial;
            return this;
        }

        /**
         * Adds a user comment {@code KEY=value} to {@code OpusTags} (RFC 7845 §5.2: the key is printable ASCII
         * 0x20–0x7D without {@code =}; the value UTF-8).
         */
        public Builder comment(String key, String value) {
            Objects.requireNonNull(value, "value");
            if (key.isEmpty() || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7D && c != '=')) {
                throw new IllegalArgumentException("not a comment key (RFC 7845 §5.2): " + key);
            }
            comments.add(key + "=" + value);
            return this;
        }

        /**
         * Audio on one page before it is closed and written: at most this much (plus the reordering delay of the
         * caller) is lost when the process is killed. Between 20 ms and 10 s; 250 ms by default.
         */
        public Builder maxPageDuration(Duration duration) {
            this.maxPageDuration = checkPageDuration(duration);
            return this;
        }

        static Duration checkPageDuration(Duration duration) {
            if (duration.compareTo(Duration.ofMillis(20)) < 0 || duration.compareTo(Duration.ofSeconds(10)) > 0) {
                throw new IllegalArgumentException("page duration must be between 20 ms and 10 s: " + duration);
            }
            return duration;
        }

        /** Whether each page is forced to the device; {@link FsyncPolicy#NONE} by default. */
        public Builder fsync(FsyncPolicy policy) {
            this.fsync = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Creates {@code file} (it must not exist: a recording is never overwritten) and writes the headers.
         *
         * @throws java.nio.file.FileAlreadyExistsException if the file exists
         * @throws IOException if it cannot be created or written
         */
        public OggOpusWriter open(Path file) throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return open(channel);
        }

        /**
         * Writes the headers into {@code channel} at position 0 and returns the writer, which owns (and closes) the
         * channel from now on.
         */
        public OggOpusWriter open(FileChannel channel) throws IOException {
            OggOpusWriter writer = new OggOpusWriter(channel, this);
            try {
                writer.writeHeaders(List.copyOf(comments));
                if (writer.fsync == FsyncPolicy.EVERY_PAGE) {
                    channel.force(true);
                }
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            return writer;
        }
    }
}
