package dev.wacalls.media.record;

/**
 * How hard an {@link OggOpusWriter} pushes its pages to the disk.
 *
 * <pre>{@code
 * OggOpusWriter.builder().fsync(FsyncPolicy.EVERY_PAGE).open(path);   // survives a power cut, costs a flush a page
 * }</pre>
 */
public enum FsyncPolicy {
    /**
     * Each page is handed to the operating system as it is closed, nothing more. Enough for a crash of the process
     * (even {@code kill -9}): the kernel keeps the written pages and writes them back on its own. The default.
     */
    NONE,
    /**
     * Each page is also forced to the storage device ({@link java.nio.channels.FileChannel#force(boolean)}), so that a
     * power cut or kernel panic loses at most the page being filled. The force blocks the writing thread — for the
     * recorder, the leg's I/O thread — for as long as the device takes (well under a millisecond on an SSD with a
     * write cache, many milliseconds on a disk or network storage): use it only where that is acceptable.
     */
    EVERY_PAGE
}
