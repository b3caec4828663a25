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

    private final FileChannel channel;
    private final @Nullable FileLock lock;

    private RecordingLock(FileChannel channel, @Nullable FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the folder's lock.
     *
     * @throws IOException if it cannot be created, or another recorder holds it (the call is being recorded already)
     */
    static RecordingLock acquire(Path directory) throws IOException {
        FileChannel channel = FileChannel.open(directory.resolve(FILE_NAME), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException("another process is recording into " + directory);
            }
            return new RecordingLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new IOException("this process is already recording into " + directory, e);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Whether a recorder (in this process or another) holds the folder's lock right now. */
    static boolean isHeld(Path directory) {
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
        }
    }
}
