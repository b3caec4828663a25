package dev.wacalls.media.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The harness cleans up after itself, and a machine without Chromium fails the build instead of skipping. */
class ChromiumPeerLifecycleTest {

    @Test
    void closeLeavesNoProcessAndNoTempDirectory() throws Exception {
        ChromiumPeer peer = ChromiumPeer.start(ChromiumPeer.Options.defaults().withName("lifecycle"));
        ProcessHandle driver = peer.chromedriverProcess();
        List<ProcessHandle> browser = driver.descendants().collect(Collectors.toList());
        Path directory = peer.directory();
        assertThat(browser).as("Chromium's processes under chromedriver").hasSizeGreaterThanOrEqualTo(2);
        assertThat(directory.resolve("profile")).isDirectory();

        peer.close();
        peer.close(); // idempotent

        assertThat(driver.isAlive()).as("chromedriver alive").isFalse();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (browser.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(browser.stream().filter(ProcessHandle::isAlive).map(ChromiumPeerLifecycleTest::describe))
                .as("Chromium processes still alive").isEmpty();
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(directory.toString()))
                .map(ChromiumPeerLifecycleTest::describe))
                .as("processes still using " + directory).isEmpty();
        assertThat(Files.exists(directory)).as(directory + " exists").isFalse();
    }

    @Test
    void missingChromiumFailsWithTheInstallCommandInsteadOfSkipping() {
        ChromiumPeer.Options options = ChromiumPeer.Options.defaults().withBinaries(
                Path.of("/nonexistent/chromium"), Path.of("/usr/bin/chromedriver"), Path.of("/usr/bin/ffmpeg"));
        assertThatThrownBy(() -> ChromiumPeer.start(options))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/chromium")
                .hasMessageContaining("scripts/test-all.sh");
    }

    private static String describe(ProcessHandle p) {
        return p.pid() + " " + p.info().commandLine().orElse("?");
    }
}
