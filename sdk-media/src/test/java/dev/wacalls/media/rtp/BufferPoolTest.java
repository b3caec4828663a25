package dev.wacalls.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BufferPoolTest {

    private static BufferPool pool() {
        return BufferPool.builder().sizeClass(1500, 64, 8).sizeClass(256, 64, 8).build();
    }

    @Test
    void picksTheSmallestClassThatFitsWithHeadAndTailRoom() {
        BufferPool pool = pool();
        assertThat(pool.sizeClasses()).containsExactly(256, 1500);
        PacketBuffer small = pool.acquire(100);
        PacketBuffer mtu = pool.acquire(257);
        assertThat(small.capacity()).isEqualTo(BufferPool.DEFAULT_HEAD_ROOM + 256 + BufferPool.DEFAULT_TAIL_ROOM);
        assertThat(mtu.capacity()).isEqualTo(BufferPool.DEFAULT_HEAD_ROOM + 1500 + BufferPool.DEFAULT_TAIL_ROOM);
        assertThat(small.offset()).isEqualTo(BufferPool.DEFAULT_HEAD_ROOM);
        assertThat(small.length()).isZero();
        assertThat(small.isPooled()).isTrue();

        PacketBuffer huge = pool.acquire(9000);
        assertThat(huge.isPooled()).isFalse();
        assertThat(huge.capacity()).isGreaterThanOrEqualTo(9000);
        assertThat(pool.oversize()).isEqualTo(1);
    }

    @Test
    void steadyStateReusesTheSameBuffersWithoutMisses() {
        BufferPool pool = pool();
        Set<PacketBuffer> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        // Warm-up: a burst of 20 in flight (more than the 8 preallocated) grows the class once.
        List<PacketBuffer> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            burst.add(pool.acquire(1200));
        }
        burst.forEach(PacketBuffer::release);
        long missesAfterWarmUp = pool.misses();
        assertThat(missesAfterWarmUp).isEqualTo(12);

        for (int round = 0; round < 10_000; round++) {
            PacketBuffer a = pool.acquire(1200);
            PacketBuffer b = pool.acquire(1200);
            a.copyFrom(new byte[172], 0, 172);
            seen.add(a);
            seen.add(b);
            b.release();
            a.release();
        }
        assertThat(pool.misses()).isEqualTo(missesAfterWarmUp);
        assertThat(pool.discarded()).isZero();
        assertThat(seen.size()).isLessThanOrEqualTo(20);
        assertThat(pool.available(1)).isEqualTo(20);
    }

    @Test
    void aReleasedBufferComesBackCleared() {
        BufferPool pool = BufferPool.builder().sizeClass(256, 1, 1).build();
        PacketBuffer b = pool.acquire(10);
        b.copyFrom(new byte[50], 0, 50);
        b.ensureTailRoom(b.capacity() - 50); // moves it to offset 0
        b.release();
        PacketBuffer again = pool.acquire(10);
        assertThat(again).isSameAs(b);
        assertThat(again.offset()).isEqualTo(BufferPool.DEFAULT_HEAD_ROOM);
        assertThat(again.length()).isZero();
    }

    @Test
    void doubleReleaseIsIgnoredAndCountedSoTwoOwnersNeverShareAnArray() {
        BufferPool pool = BufferPool.builder().sizeClass(256, 4, 0).build();
        PacketBuffer b = pool.acquire(10);
        b.release();
        b.release();
        assertThat(pool.doubleReleases()).isEqualTo(1);
        assertThat(pool.available(0)).isEqualTo(1);
        PacketBuffer x = pool.acquire(10);
        PacketBuffer y = pool.acquire(10);
        assertThat(x).isNotSameAs(y);
    }

    @Test
    void aFullClassLetsExtraBuffersGo() {
        BufferPool pool = BufferPool.builder().sizeClass(256, 2, 0).build();
        List<PacketBuffer> many = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            many.add(pool.acquire(10));
        }
        many.forEach(PacketBuffer::release);
        assertThat(pool.available(0)).isEqualTo(2);
        assertThat(pool.discarded()).isEqualTo(3);
    }

    @Test
    void concurrentAcquireAndReleaseNeverHandsOneBufferToTwoThreads() throws Exception {
        BufferPool pool = BufferPool.builder().sizeClass(1500, 128, 64).build();
        int threads = 4;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            byte marker = (byte) (t + 1);
            results.add(executor.submit(() -> {
                start.await();
                int corrupted = 0;
                for (int i = 0; i < 20_000; i++) {
                    PacketBuffer b = pool.acquire(1000);
                    byte[] a = b.array();
                    a[b.offset()] = marker;
                    Thread.onSpinWait();
                    if (a[b.offset()] != marker) {
                        corrupted++;
                    }
                    b.release();
                }
                return corrupted;
            }));
        }
        start.countDown();
        int corrupted = 0;
        for (Future<Integer> f : results) {
            corrupted += f.get(20, TimeUnit.SECONDS);
        }
        executor.shutdown();
        assertThat(corrupted).isZero();
        assertThat(pool.doubleReleases()).isZero();
        assertThat(pool.misses()).isZero(); // 4 in flight never exceed the 64 preallocated
    }

    @Test
    void packetBufferMakesRoomInPlace() {
        PacketBuffer b = new PacketBuffer(64, 16);
        assertThat(b.copyFrom(new byte[40], 0, 40)).isTrue();
        assertThat(b.tailRoom()).isEqualTo(8);
        assertThat(b.ensureTailRoom(20)).isTrue(); // moved into the head room
        assertThat(b.offset()).isEqualTo(4);
        assertThat(b.tailRoom()).isEqualTo(20);
        assertThat(b.ensureTailRoom(25)).isFalse();
        assertThat(b.ensureHeadRoom(24)).isTrue();
        assertThat(b.offset()).isEqualTo(24);
        assertThat(b.ensureHeadRoom(25)).isFalse();
        assertThat(b.append(new byte[30], 0, 30)).isFalse();
        assertThat(b.copyFrom(new byte[65], 0, 65)).isFalse();
        assertThat(b.length()).isZero();
        assertThat(b.copyFrom(new byte[60], 0, 60)).isTrue(); // fits only by using the head room
        assertThat(b.offset()).isEqualTo(4);
    }
}
