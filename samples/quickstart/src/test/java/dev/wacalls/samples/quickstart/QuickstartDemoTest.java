package dev.wacalls.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuickstartDemoTest {
    @Test
    void recruiterFlowRunsEndToEndThroughSignedWebhooks() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> timeline = new QuickstartDemo(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        String output = bytes.toString(StandardCharsets.UTF_8);

        assertThat(output).contains("handshake: HTTP 200, challenge 1158201444");
        assertThat(output).contains("Calling enabled: true");
        assertThat(output).contains("Meta says: permission TEMPORARY, can call: true");
        assertThat(timeline).hasSize(6);
        assertThat(timeline.get(0)).startsWith("permission requested (wamid.");
        assertThat(timeline.get(1)).startsWith("permission granted by Alex Candidate, until ");
        assertThat(timeline.get(2)).startsWith("call started wacid.");
        assertThat(timeline.get(3)).startsWith("call completed: COMPLETED, ").endsWith("opaque candidate-42");
        assertThat(timeline.get(4)).endsWith("(candidate called)");
        assertThat(timeline.get(5)).startsWith("call completed: COMPLETED (candidate hung up)");
    }
}
