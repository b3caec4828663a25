package dev.wacalls.media.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A werift {@code RTCPeerConnection} in a Node child process ({@code src/test/node/werift-peer/peer.js}), driven by
 * one JSON object per line over its stdin/stdout. It runs its own STUN responder on 127.0.0.1 so werift never asks a
 * public server, sends the Opus frames it is given (looped, one per 20 ms, PT 111) once connected, and keeps every
 * Opus payload it receives.
 *
 * <p>Node and the npm packages are installed by {@code scripts/test-all.sh}; the test itself downloads nothing and
 * fails (never skips) when they are missing.
 */
final class NodePeer implements AutoCloseable {
    static final Path DIRECTORY = Path.of("src/test/node/werift-peer").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(20);
    private static final String INSTALL_HINT = "run scripts/test-all.sh once (it runs npm ci in " + DIRECTORY + ")";

    /** What werift reports about its connection. */
    record Stats(String connectionState, String iceConnectionState, @Nullable String dtlsState,
            @Nullable String dtlsRole, @Nullable String srtpProfile, long sent, long received, int firstPayloadType,
            int stunRequests) {}

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    private final List<String> stderr = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final String weriftVersion;
    private final String nodeVersion;

    private NodePeer(Process process) throws IOException, InterruptedException {
        this.process = process;
        this.stdin = process.getOutputStream();
        Thread out = new Thread(() -> pump(new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true), "werift-stdout");
        Thread err = new Thread(() -> pump(new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false), "werift-stderr");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
        JsonNode ready = replies.poll(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (ready == null || !ready.path("ready").asBoolean()) {
            throw new IllegalStateException("werift peer did not start: " + ready + "; stderr: " + stderrText());
        }
        this.weriftVersion = ready.path("werift").asText();
        this.nodeVersion = ready.path("node").asText();
    }

    /** Starts the Node program; fails with a hint to run scripts/test-all.sh if node or werift is not installed. */
    static NodePeer start() throws IOException, InterruptedException {
        if (!Files.isRegularFile(DIRECTORY.resolve("node_modules/werift/package.json"))) {
            throw new IllegalStateException("werift is not installed in " + DIRECTORY + ": " + INSTALL_HINT);
        }
        Process p;
        try {
            p = new ProcessBuilder("node", "peer.js").directory(DIRECTORY.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("node is not on the PATH: " + INSTALL_HINT, e);
        }
        try {
            return new NodePeer(p);
        } catch (RuntimeException | IOException | InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    String weriftVersion() {
        return weriftVersion;
    }

    String nodeVersion() {
        return nodeVersion;
    }

    /**
     * Creates werift's non-trickle offer (ICE gathered, candidates inside) and gives it the Opus frames to send,
     * looped, once connected. Packet loss in percent (0 for none) uses werift's own debug injection.
     */
    String createOffer(List<byte[]> opusFrames, int inboundLossPercent, int outboundLossPercent) throws IOException {
        ObjectNode req = JSON.createObjectNode().put("cmd", "offer");
        ArrayNode frames = req.putArray("frames");
        opusFrames.forEach(f -> frames.add(Base64.getEncoder().encodeToString(f)));
        // werift 0.23 drops a packet when `value / 100 < Math.random()` (transport/dtls.js): its "packet loss" is in
        // fact the share it *keeps*. Passing 5 loses 95 %. Translate, so that our parameter means what it says.
        if (inboundLossPercent > 0) {
            req.put("inboundPacketLoss", 100 - inboundLossPercent);
        }
        if (outboundLossPercent > 0) {
            req.put("outboundPacketLoss", 100 - outboundLossPercent);
        }
        return request(req).path("sdp").asText();
    }

    void applyAnswer(String sdp) throws IOException {
        request(JSON.createObjectNode().put("cmd", "answer").put("sdp", sdp));
    }

    /** Waits until werift says connected (or failed); returns its connection state. */
    String awaitConnected(Duration timeout) throws IOException {
        return request(JSON.createObjectNode().put("cmd", "awaitConnected").put("timeoutMs", timeout.toMillis()))
                .path("connectionState").asText();
    }

    Stats stats() throws IOException {
        JsonNode s = request(JSON.createObjectNode().put("cmd", "stats"));
        return new Stats(s.path("connectionState").asText(), s.path("iceConnectionState").asText(),
                s.path("dtlsState").textValue(), s.path("dtlsRole").textValue(), s.path("srtpProfile").textValue(),
                s.path("sent").asLong(), s.path("received").asLong(), s.path("firstPayloadType").asInt(-1),
                s.path("stunRequests").asInt());
    }

    /** Every RTP payload werift received so far, in arrival order. */
    List<byte[]> receivedPayloads() throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (JsonNode p : request(JSON.createObjectNode().put("cmd", "received")).path("payloads")) {
            out.add(Base64.getDecoder().decode(p.asText()));
        }
        return out;
    }

    String stderrText() {
        synchronized (stderr) {
            return String.join("\n", stderr);
        }
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                request(JSON.createObjectNode().put("cmd", "close"));
            }
        } catch (IOException | RuntimeException ignored) {
            // it is killed below anyway
        }
        try {
            stdin.close();
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (IOException ignored) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private synchronized JsonNode request(ObjectNode req) throws IOException {
        int id = ids.incrementAndGet();
        req.put("id", id);
        stdin.write((JSON.writeValueAsString(req) + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
        while (true) {
            JsonNode reply;
            try {
                reply = replies.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for werift", e);
            }
            if (reply == null) {
                throw new IOException("no reply from werift to " + req.path("cmd").asText() + " within "
                        + REPLY_TIMEOUT + " (alive: " + process.isAlive() + "); stderr: " + stderrText());
            }
            if (reply.path("id").asInt() != id) {
                continue; // a late reply to an earlier request that timed out
            }
            if (!reply.path("ok").asBoolean()) {
                throw new IOException("werift " + req.path("cmd").asText() + " failed: " + reply.path("error").asText()
                        + "; stderr: " + stderrText());
            }
            return reply;
        }
    }

    private void pump(BufferedReader in, boolean json) {
        try {
            for (String line; (line = in.readLine()) != null; ) {
                if (json) {
                    try {
                        replies.add(JSON.readTree(line));
                    } catch (IOException e) {
                        synchronized (stderr) {
                            stderr.add("(stdout, not JSON) " + line);
                        }
                    }
                } else {
                    synchronized (stderr) {
                        stderr.add(line);
                    }
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }
}
