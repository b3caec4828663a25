package dev.wacalls.media.record;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * An exclusive OS file lock on {@code .recording.lock} in a call's folder, held by the recorder for the whole call.
 * A process id in the manifest says nothing across containers or hosts sharing a volume (every container's JVM may
 * be pid 1); a lock does — the OS drops it when the holder dies, even by {@code kill -9}, so a folder whose lock can
 * be taken has no live recorder.
 */
final class RecordingLock {
    static final String FILE_NAME = ".recording.lock";
    /**
     * The folders this JVM holds. OS locks are per process: opening and closing a second channel on a locked file
     * (to test it) would release this process's lock on Linux (POSIX fcntl semantics). So within the JVM the
     * registry answers, and no second channel is ever opened on a held file.
     */
    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final @Nullable FileLock lock;

    private RecordingLock(Path key, FileChannel channel, @Nullable FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    private static Path key(Path directory) {
        return directory.toAbsolutePath().normalize();
    }

    /**
     * Takes the folder's lock.
     *
     * @throws IOException if it cannot be created, or another recorder holds it (the call is being recorded already)
     */
    static RecordingLock acquire(Path directory) throws IOException {
        Path key = key(directory);
        if (!HELD.add(key)) {
            throw new IOException("this process is already recording into " + directory);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(directory.resolve(FILE_NAME), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException("another process is recording into " + directory);
            }
            return new RecordingLock(key, channel, lock);
        } catch (IOException | RuntimeException e) {
            channel.close();
            HELD.remove(key);
            throw e;
        }
    }

    /** Whether a recorder (in this process or another) holds the folder's lock right now. */
    static boolean isHeld(Path directory) {
        if (HELD.contains(key(directory))) {
            return true; // ours: never open a second channel on it (see HELD)
        }
        Path file = directory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held by this very JVM
        } catch (IOException e) {
            return true; // cannot tell: leave it alone rather than cut a live recording
        }
    }

    void release() {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException ignored) {
            // closing releases the lock anyway
        } finally {
            HELD.remove(key);
        }
    }
}
