package dev.wacalls.media.record;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * Makes a folder unwritable for the tests, also when they run as root (as in CI containers), where permission
 * bits are ignored: then the folder is made immutable with {@code chattr +i}, which root obeys too.
 *
 * <pre>{@code
 * ReadOnly readOnly = ReadOnly.of(root);
 * try { ... } finally { readOnly.close(); }
 * }</pre>
 */
final class ReadOnly implements AutoCloseable {
    private final Path folder;
    private final boolean immutable;

    private ReadOnly(Path folder, boolean immutable) {
        this.folder = folder;
        this.immutable = immutable;
    }

    static ReadOnly of(Path folder) throws IOException {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (!writable(folder)) {
            return new ReadOnly(folder, false);
        }
        boolean immutable = run("chattr", "+i", folder.toString());
        ReadOnly ro = new ReadOnly(folder, immutable);
        if (writable(folder)) {
            ro.close();
            assumeThat(false).as("cannot make %s read-only here (root without chattr)", folder).isTrue();
        }
        return ro;
    }

    private static boolean writable(Path folder) {
        try {
            Files.delete(Files.createTempFile(folder, "probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        if (immutable) {
            run("chattr", "-i", folder.toString());
        }
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
