package dev.wacalls.media.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pages written on an I/O executor: the packet thread never waits for the disk, and nothing is lost or reordered. */
class PageSinkTest {
    @TempDir
    Path dir;

    private final ExecutorService io = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        io.shutdownNow();
    }

    @Test
    void aStalledDisk_doesNotHoldUpThePacketThread_andEverythingLandsInOrderOnceItRecovers() throws Exception {
        Path file = dir.resolve("t.opus");
        FullDiskChannel disk = new FullDiskChannel(FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), Long.MAX_VALUE);
        OggOpusWriter writer = OggOpusWriter.builder().io(io, PageSink.DEFAULT_MAX_QUEUED_BYTES).open(disk);
        CountDownLatch stall = new CountDownLatch(1);
        disk.stall = stall;
        List<byte[]> tone = TestOpus.tone(440, 3.0);

        for (byte[] packet : tone) { // 150 packets, a dozen pages, while every write blocks
            assertThat(writer.writePacket(packet, 0, packet.length)).isEqualTo(WriteStatus.WRITTEN);
        }
        assertThat(disk.lastWriter).as("the disk is written by the I/O thread, not this one")
                .isNotSameAs(Thread.currentThread());

        stall.countDown();
        writer.close();
        assertThat(FfmpegCli.decode(file)).hasSize(tone.size() * 960);
        assertThat(OggFile.pages(file)).allMatch(OggFile.Page::crcOk);
    }

    @Test
    void aTwentyFiveMinuteMute_isFilledWithSilenceThroughTheQueue_withoutCountingAsASlowDisk() throws Exception {
        long start = 1_000_000_000L;
        AlignedTrack t = AlignedTrack.builder(OggOpusWriter.builder().io(io, PageSink.DEFAULT_MAX_QUEUED_BYTES)
                .open(dir.resolve("mute.opus")), start).build();
        byte[] opus = TestOpus.tone(440, 0.02).get(0);
        long minutes25 = 25L * 60 * 1000;
        assertThat(t.offer(opus, 0, opus.length, 0, 0, start)).isNotEqualTo(TrackStatus.FAILED);
        // The recruiter unmutes 25 minutes later: tens of thousands of silence pages are queued at once.
        TrackStatus after = t.offer(opus, 0, opus.length, 1, 48L * minutes25, start + minutes25 * 1_000_000L);
        assertThat(after).isNotEqualTo(TrackStatus.FAILED);
        t.close(t.samplesForNanos(start + (minutes25 + 100) * 1_000_000L));
        assertThat(t.failure()).isNull();
        assertThat(FfmpegCli.probeDurationSeconds(dir.resolve("mute.opus"))).isGreaterThan(25 * 60.0);
    }

    @Test
    void aDiskThatFallsTooFarBehind_failsTheTrackLikeAFullOne_keepingWhatWasQueuedBefore() throws Exception {
        Path file = dir.resolve("slow.opus");
        FullDiskChannel disk = new FullDiskChannel(FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), Long.MAX_VALUE);
        OggOpusWriter writer = OggOpusWriter.builder().maxPageDuration(java.time.Duration.ofMillis(20))
                .io(io, OggPages.MAX_PAGE_LENGTH).open(disk);
        CountDownLatch stall = new CountDownLatch(1);
        disk.stall = stall;
        List<byte[]> tone = TestOpus.tone(440, 30.0);
        WriteStatus last = WriteStatus.WRITTEN;
        int written = 0;
        for (byte[] packet : tone) {
            last = writer.writePacket(packet, 0, packet.length);
            if (last != WriteStatus.WRITTEN) {
                break;
            }
            written++;
        }
        assertThat(last).isEqualTo(WriteStatus.FAILED);
        assertThat(writer.failure()).hasMessageContaining("too slow");

        stall.countDown();
        writer.close();
        OggRecovery.Result r = OggRecovery.recover(file);
        assertThat(r.status()).isIn(OggRecovery.Status.RECOVERED, OggRecovery.Status.COMPLETE);
        assertThat(r.samples()).isPositive().isLessThanOrEqualTo(written * 960L);
    }
}
