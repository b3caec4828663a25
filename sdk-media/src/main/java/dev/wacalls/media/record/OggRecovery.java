package dev.wacalls.media.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Finishes an Ogg Opus file that a crash left open: keeps every page up to the last one whose CRC checks, cuts off
 * whatever follows (a half-written page, garbage), and sets the end-of-stream flag on the last page kept, recomputing
 * its CRC. Because {@link OggOpusWriter} never splits a packet across pages, the file then holds whole packets only
 * and plays to its last granule position.
 *
 * <pre>{@code
 * OggRecovery.Result r = OggRecovery.recover(Path.of("candidate.opus"));
 * switch (r.status()) {
 *     case COMPLETE, RECOVERED -> log.info("kept {} of audio", r.duration());
 *     case NO_AUDIO -> log.info("the call had not started");
 *     case UNREADABLE -> log.warn("not recoverable: {}", r.detail());
 * }
 * }</pre>
 *
 * <p>A file's content never makes this throw: a file that is not Ogg Opus at all is left untouched and reported
 * {@link Status#UNREADABLE}. Only the file system's own errors (no such file, no permission) are
 * {@link IOException}s. Not meant for a file that is still being written.
 */
public final class OggRecovery {
    private OggRecovery() {}

    /** What a file turned out to be. */
    public enum Status {
        /** Already ended properly (end-of-stream page last, nothing after it): left as it was. */
        COMPLETE,
        /** Cut after its last good page and/or marked end-of-stream: now complete. */
        RECOVERED,
        /** Valid headers and no audio page: marked end-of-stream, but it holds nothing to play. */
        NO_AUDIO,
        /** No valid Ogg Opus headers at the start: left untouched. */
        UNREADABLE
    }

    /**
     * The outcome.
     *
     * @param status what was found and done
     * @param samples 48 kHz samples of audio kept (the last granule position minus the pre-skip)
     * @param pages pages kept, headers included
     * @param keptBytes the file's length afterwards
     * @param discardedBytes bytes cut off the end
     * @param detail why the scan stopped where it did, for logs
     */
    public record Result(Status status, long samples, int pages, long keptBytes, long discardedBytes, String detail) {
        /** {@link #samples} as a duration. */
        public Duration duration() {
            return Duration.ofNanos(samples * 1_000_000_000L / OpusPackets.SAMPLE_RATE);
        }
    }

    /** Scans {@code file} and reports what {@link #recover} would find and do, without changing it. */
    public static Result inspect(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Scan scan = scan(ch);
            Status status = scan.status();
            return scan.result(status == Status.COMPLETE && scan.needsRepair() ? Status.RECOVERED : status);
        }
    }

    /**
     * Cuts {@code file} after its last good page, marks that page end-of-stream and forces the file to disk.
     *
     * @throws IOException only for the file system's errors; a damaged content is a {@link Result}
     */
    public static Result recover(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Scan scan = scan(ch);
            if (scan.status() == Status.UNREADABLE || !scan.needsRepair()) {
                return scan.result(scan.status());
            }
            if (scan.fileSize > scan.end) {
                ch.truncate(scan.end);
            }
            if (!scan.sawEos) {
                byte[] last = new byte[scan.lastPageLength];
                readFully(ch, ByteBuffer.wrap(last), scan.lastPagePosition);
                OggPages.markEos(last, 0, last.length);
                ByteBuffer b = ByteBuffer.wrap(last);
                long at = scan.lastPagePosition;
                while (b.hasRemaining()) {
                    at += ch.write(b, at);
                }
            }
            ch.force(true);
            return scan.result(scan.status() == Status.NO_AUDIO ? Status.NO_AUDIO : Status.RECOVERED);
        }
    }

    /** Everything the scan learnt. */
    private static final class Scan {
        long fileSize;
        long end; // after the last good page
        int pages;
        boolean headersOk;
        boolean sawEos;
        long lastPagePosition = -1;
        int lastPageLength;
        long lastGranule = -1;
        int preSkip;
        String detail = "";

        Status status() {
            if (!headersOk) {
                return Status.UNREADABLE;
            }
            return pages > 2 ? Status.COMPLETE : Status.NO_AUDIO;
        }

        boolean needsRepair() {
            return headersOk && (!sawEos || fileSize > end);
        }

        Result result(Status status) {
            long samples = lastGranule < 0 ? 0 : Math.max(0, lastGranule - preSkip);
            boolean changed = status != Status.UNREADABLE;
            return new Result(status, status == Status.UNREADABLE ? 0 : samples, pages,
                    changed ? end : fileSize, changed ? fileSize - end : 0, detail);
        }
    }

    private static Scan scan(FileChannel ch) throws IOException {
        Scan s = new Scan();
        s.fileSize = ch.size();
        byte[] page = new byte[OggPages.MAX_PAGE_LENGTH];
        ByteBuffer view = ByteBuffer.wrap(page);
        long pos = 0;
        int serial = 0;
        while (true) {
            if (pos == s.fileSize) {
                s.detail = s.sawEos ? "ends with its end-of-stream page" : "ends without an end-of-stream page";
                break;
            }
            if (s.fileSize - pos < OggPages.HEADER_LENGTH) {
                s.detail = "partial page header at byte " + pos;
                break;
            }
            view.clear().limit(OggPages.HEADER_LENGTH);
            readFully(ch, view, pos);
            if (!OggPages.hasCapturePattern(page, 0) || page[4] != 0) {
                s.detail = "no Ogg page at byte " + pos;
                break;
            }
            int segments = page[OggPages.SEGMENTS_OFFSET] & 0xFF;
            if (s.fileSize - pos < OggPages.HEADER_LENGTH + segments) {
                s.detail = "partial page header at byte " + pos;
                break;
            }
            view.clear().position(OggPages.HEADER_LENGTH).limit(OggPages.HEADER_LENGTH + segments);
            readFully(ch, view, pos + OggPages.HEADER_LENGTH);
            int body = 0;
            for (int i = 0; i < segments; i++) {
                body += page[OggPages.HEADER_LENGTH + i] & 0xFF;
            }
            int length = OggPages.HEADER_LENGTH + segments + body;
            if (s.fileSize - pos < length) {
                s.detail = "page cut short at byte " + pos + " (" + (s.fileSize - pos) + " of " + length + " bytes)";
                break;
            }
            view.clear().position(OggPages.HEADER_LENGTH + segments).limit(length);
            readFully(ch, view, pos + OggPages.HEADER_LENGTH + segments);
            if (!OggPages.crcMatches(page, 0, length)) {
                s.detail = "CRC mismatch in the page at byte " + pos;
                break;
            }
            int flags = page[OggPages.FLAGS_OFFSET] & 0xFF;
            int pageSerial = OggPages.readI32(page, OggPages.SERIAL_OFFSET);
            int firstPacket = OggPages.HEADER_LENGTH + segments;
            if (s.pages == 0) {
                // RFC 7845 §3: the first page is the BOS page holding only the identification header.
                if ((flags & OggPages.FLAG_BOS) == 0 || body < 19 || !startsWith(page, firstPacket, "OpusHead")
                        || (page[firstPacket + 8] & 0xF0) != 0) {
                    s.detail = "no OpusHead on the first page";
                    break;
                }
                serial = pageSerial;
                s.preSkip = OggPages.readU16(page, firstPacket + 10);
            } else if (pageSerial != serial) {
                s.detail = "another stream begins at byte " + pos;
                break;
            } else if (s.pages == 1) {
                if (!startsWith(page, firstPacket, "OpusTags") || body < 8) {
                    s.detail = "no OpusTags on the second page";
                    break;
                }
                s.headersOk = true;
            }
            long granule = OggPages.readI64(page, OggPages.GRANULE_OFFSET);
            if (s.pages >= 2 && granule != -1) {
                s.lastGranule = granule;
            }
            s.lastPagePosition = pos;
            s.lastPageLength = length;
            s.pages++;
            pos += length;
            if ((flags & OggPages.FLAG_EOS) != 0) {
                s.sawEos = true;
                s.detail = pos == s.fileSize ? "ends with its end-of-stream page"
                        : (s.fileSize - pos) + " bytes after the end-of-stream page";
                break;
            }
        }
        s.end = pos;
        if (!s.headersOk) {
            // Without both headers nothing is playable; leave the file to a human.
            s.end = s.fileSize;
        }
        return s;
    }

    private static boolean startsWith(byte[] data, int offset, String ascii) {
        if (offset + ascii.length() > data.length) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (data[offset + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static void readFully(FileChannel ch, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = ch.read(buffer, at);
            if (n < 0) {
                throw new IOException("file shrank while being read at byte " + at);
            }
            at += n;
        }
    }
}
