package dev.wacalls.media.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real WebRTC audio peer for interop tests: Debian's headless Chromium, driven through chromedriver, with a fake
 * microphone that plays a WAV file (a sine tone made at test time by default) and a MediaRecorder that hands the
 * audio it receives back to Java as WAV. Everything it opens is bound to 127.0.0.1, and the SDP it hands out keeps
 * only UDP candidates on 127.0.0.1, so a peer's ICE checks aim at loopback (see {@link #keepLoopbackCandidates}).
 *
 * <pre>{@code
 * try (ChromiumPeer chromium = ChromiumPeer.start(ChromiumPeer.Options.defaults().withToneHz(440))) {
 *     String offer = chromium.createOffer();             // non-trickle: every candidate is in it
 *     chromium.applyAnswer(engine.answer(offer));
 *     chromium.awaitConnected(Duration.ofSeconds(10));
 *     chromium.startRecordingRemote();
 *     Thread.sleep(2_000);
 *     AudioAnalysis heard = AudioAnalysis.ofWav(chromium.stopRecordingRemoteAsWav());
 *     ChromiumPeer.Stats stats = chromium.stats();         // DTLS version, SRTP cipher, packets both ways
 * }
 * }</pre>
 *
 * <p>Needs the Debian packages {@code chromium}, {@code chromium-driver} and {@code ffmpeg}, which
 * {@code scripts/test-all.sh} installs when missing; without them {@link #start} fails (never skips) and says so.
 * One instance is one browser with one page and one {@code RTCPeerConnection}; it is not thread-safe.
 */
public final class ChromiumPeer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChromiumPeer.class);

    private static final InetAddress LOOPBACK = loopback();
    /** One client for every peer: chromedriver is plain HTTP/1.1 on loopback, and never through a proxy. */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final AtomicInteger NAMES = new AtomicInteger();
    /** Calls {@code window.wacallsPeer[method](...args)} in the page and reports its promise to WebDriver. */
    private static final String CALL = String.join("\n",
            "const done = arguments[arguments.length - 1];",
            "const args = Array.prototype.slice.call(arguments, 0, arguments.length - 1);",
            "const method = args.shift();",
            "Promise.resolve()",
            "  .then(() => window.wacallsPeer[method].apply(null, args))",
            "  .then(v => done({ok: true, value: v === undefined ? null : v}),",
            "        e => done({ok: false, error: String((e && e.stack) || e)}));");

    private final Options options;
    private final Path directory;
    private final HttpServer pages;
    private final Process chromedriver;
    private final WebDriverSession session;
    private final String browserVersion;
    /** Kills the browser if the JVM exits without {@link #close()} (a test timeout, Ctrl-C): no stray Chromium. */
    private final Thread killOnExit;
    private boolean closed;

    private ChromiumPeer(Options options, Path directory, HttpServer pages, Process chromedriver,
            WebDriverSession session) {
        this.options = options;
        this.directory = directory;
        this.pages = pages;
        this.chromedriver = chromedriver;
        this.session = session;
        this.browserVersion = session.capabilities().path("browserVersion").asText("unknown");
        this.killOnExit = new Thread(() -> {
            chromedriver.descendants().forEach(ProcessHandle::destroyForcibly);
            chromedriver.destroyForcibly();
            deleteRecursively(directory);
        }, "chromium-peer-" + options.name() + "-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts chromedriver and Chromium, opens the peer page and takes the fake microphone. Fails with an
     * {@link IllegalStateException} naming {@code scripts/test-all.sh} when a binary is missing.
     */
    public static ChromiumPeer start(Options options) {
        requireInstalled(options);
        long startNanos = System.nanoTime();
        Path directory = null;
        HttpServer pages = null;
        Process chromedriver = null;
        WebDriverSession session = null;
        ChromiumPeer peer = null;
        try {
            directory = Files.createTempDirectory("wacalls-chromium-" + options.name() + "-");
            Path profile = Files.createDirectory(directory.resolve("profile"));
            Path microphone = options.fakeAudio();
            if (microphone == null) {
                microphone = directory.resolve(String.format(Locale.ROOT, "tone-%.0fHz.wav", options.toneHz()));
                Files.write(microphone, Wav.sine(options.toneHz(), 48_000, 1.0, 0.5));
            }
            pages = servePages();
            Chromedriver started = startChromedriver(options, directory);
            chromedriver = started.process();
            URI driver = started.uri();

            ObjectNode chromeOptions = WebDriverSession.JSON.createObjectNode();
            chromeOptions.put("binary", options.chromium().toString());
            chromeOptions.set("args", WebDriverSession.JSON.valueToTree(chromiumArgs(options, profile, microphone)));
            ObjectNode capabilities = WebDriverSession.JSON.createObjectNode();
            capabilities.put("browserName", "chrome");
            capabilities.set("goog:chromeOptions", chromeOptions);
            session = WebDriverSession.create(HTTP, driver, capabilities, options.timeout().multipliedBy(2));
            session.scriptTimeout(Duration.ofMinutes(5), options.timeout());
            session.navigate("http://127.0.0.1:" + pages.getAddress().getPort() + "/interop/peer.html",
                    options.timeout());

            peer = new ChromiumPeer(options, directory, pages, chromedriver, session);
            JsonNode page = peer.call("init", options.timeout());
            log.info("{}: Chromium {} up in {} ms, microphone '{}' playing {}", options.name(), peer.browserVersion,
                    (System.nanoTime() - startNanos) / 1_000_000, page.path("microphone").asText(),
                    options.fakeAudio() == null ? options.toneHz() + " Hz" : options.fakeAudio());
            return peer;
        } catch (IOException | RuntimeException e) {
            String logTail = directory == null ? "" : tail(directory.resolve("chromedriver.log"), 40);
            if (peer != null) {
                peer.close();
            } else {
                cleanUp(session, pages, chromedriver, directory, options.timeout());
            }
            throw new IllegalStateException(options.name() + ": could not start Chromium: " + e.getMessage()
                    + (logTail.isEmpty() ? "" : "\nchromedriver.log (last lines):\n" + logTail), e);
        }
    }

    /**
     * Starts several peers side by side (faster than one after the other, even on two cores). If one fails, those
     * that started are closed and the first failure is thrown.
     */
    public static List<ChromiumPeer> startAll(Options... options) {
        List<CompletableFuture<ChromiumPeer>> starting = Stream.of(options)
                .map(o -> CompletableFuture.supplyAsync(() -> start(o)))
                .collect(Collectors.toList());
        List<ChromiumPeer> started = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<ChromiumPeer> future : starting) {
            try {
                started.add(future.join());
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            started.forEach(ChromiumPeer::close);
            throw failure;
        }
        return List.copyOf(started);
    }

    /** Creates an offer with the fake microphone's track, waits for ICE gathering to complete and returns the SDP. */
    public String createOffer() {
        return filterCandidates(call("createOffer", options.timeout(), options.timeout().toMillis()).asText());
    }

    /** Applies the remote answer to the offer made by {@link #createOffer()}. */
    public void applyAnswer(String sdp) {
        call("applyAnswer", options.timeout(), sdp);
    }

    /** Applies a remote offer and returns the complete (non-trickle) answer, which sends the fake microphone. */
    public String answer(String offer) {
        return filterCandidates(call("answer", options.timeout(), offer, options.timeout().toMillis()).asText());
    }

    /** Waits until the peer connection's {@code connectionState} is {@code connected} (ICE and DTLS done). */
    public void awaitConnected(Duration timeout) {
        call("awaitConnected", timeout.plusSeconds(5), timeout.toMillis());
    }

    /** A snapshot of {@code RTCPeerConnection.getStats()}, reduced to what interop tests assert on. */
    public Stats stats() {
        return Stats.from(call("stats", options.timeout()));
    }

    /** Starts a MediaRecorder (webm/opus) on the received audio track, waiting for that track if need be. */
    public void startRecordingRemote() {
        call("startRecording", options.timeout(), options.timeout().toMillis());
    }

    /** Stops the recording and returns it decoded by ffmpeg: 16-bit PCM WAV, mono, 48 kHz. */
    public byte[] stopRecordingRemoteAsWav() {
        JsonNode recording = call("stopRecording", options.timeout(), options.timeout().toMillis());
        byte[] webm = Base64.getDecoder().decode(recording.path("base64").asText());
        log.info("{}: recorded {} bytes of {}", options.name(), webm.length, recording.path("mimeType").asText());
        try {
            Path in = Files.createTempFile(directory, "remote-", ".webm");
            Path out = directory.resolve(in.getFileName().toString().replace(".webm", ".wav"));
            Files.write(in, webm);
            run(directory, List.of(options.ffmpeg().toString(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                    "-i", in.toString(), "-ac", "1", "-ar", "48000", "-c:a", "pcm_s16le", "-f", "wav", out.toString()),
                    options.timeout());
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Presses keys through {@code RTCDTMFSender.insertDTMF} (RFC 4733 telephone-events) and waits until sent. */
    public void insertDtmf(String tones, Duration tone, Duration gap) {
        call("insertDtmf", options.timeout(), tones, tone.toMillis(), gap.toMillis(), options.timeout().toMillis());
    }

    /** Mutes with {@code RTCRtpSender.replaceTrack(null)}, as many web apps do. */
    public void mute() {
        call("mute", options.timeout());
    }

    /** Puts the microphone track back after {@link #mute()}. */
    public void unmute() {
        call("unmute", options.timeout());
    }

    /** Closes the peer connection (not the browser), as a recruiter hanging up would. */
    public void hangUp() {
        call("hangUp", options.timeout());
    }

    /** The last lines of chromedriver's log, Chromium's own log lines included: to print when a test fails. */
    public String logTail(int lines) {
        return tail(directory.resolve("chromedriver.log"), lines);
    }

    /** The version chromedriver reports for the browser, e.g. {@code 156.0.8078.108}. */
    public String browserVersion() {
        return browserVersion;
    }

    public Options options() {
        return options;
    }

    /** The chromedriver process; Chromium's processes are its descendants. For leak checks. */
    ProcessHandle chromedriverProcess() {
        return chromedriver.toHandle();
    }

    /** The temporary directory holding the profile, the tone and the recordings; deleted by {@link #close()}. */
    Path directory() {
        return directory;
    }

    /** Quits the browser, stops chromedriver and the page server, kills any straggler and deletes the temp dir. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            call("close", Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.debug("{}: closing the peer connection failed: {}", options.name(), e.toString());
        }
        cleanUp(session, pages, chromedriver, directory, options.timeout());
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook runs anyway, harmlessly.
        }
    }

    private JsonNode call(String method, Duration timeout, Object... args) {
        List<Object> all = new ArrayList<>();
        all.add(method);
        all.addAll(List.of(args));
        JsonNode result = session.executeAsync(CALL, all, timeout.plusSeconds(5));
        if (!result.path("ok").asBoolean(false)) {
            throw new IllegalStateException(options.name() + ": " + method + " failed in the page: "
                    + result.path("error").asText(result.toString()));
        }
        return result.path("value");
    }

    private String filterCandidates(String sdp) {
        return options.loopbackCandidatesOnly() ? keepLoopbackCandidates(sdp) : sdp;
    }

    /**
     * Keeps only the UDP candidates on IPv4 loopback (127.0.0.0/8) and points each section's default address
     * ({@code c=} and the {@code m=} port, RFC 8839 §4.2.1.2) at the first of them. Chromium also gathers the
     * machine's other addresses (and {@code ::1}); handing those to a peer would aim its ICE checks at them.
     *
     * <p>This does not stop Chromium from <em>sending</em> from its other host addresses to a loopback candidate:
     * its ICE controller prefers a pair whose local network has a lower cost (Ethernet 0, loopback 50) over a
     * higher priority, so the selected pair can be {@code 192.0.2.2 -> 127.0.0.1}, and the other side answers to
     * that address. Such packets stay inside the machine. For a run that can reach nothing but {@code lo}, start the
     * JVM in a network namespace of its own ({@code unshare -n}); Chromium then gathers 127.0.0.1 only.
     */
    public static String keepLoopbackCandidates(String sdp) {
        String eol = sdp.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = List.of(sdp.split("\r?\n"));
        List<List<String>> sections = new ArrayList<>();
        sections.add(new ArrayList<>());
        for (String line : lines) {
            if (line.startsWith("m=")) {
                sections.add(new ArrayList<>());
            }
            sections.get(sections.size() - 1).add(line);
        }
        StringBuilder out = new StringBuilder();
        for (List<String> section : sections) {
            List<String> kept = new ArrayList<>();
            String[] defaultCandidate = null;
            for (String line : section) {
                if (line.startsWith("a=candidate:")) {
                    // foundation component transport priority address port typ type ...
                    String[] f = line.substring("a=candidate:".length()).split(" ");
                    if (f.length < 8 || !f[2].equalsIgnoreCase("udp") || !isLoopback(f[4])) {
                        continue;
                    }
                    if (defaultCandidate == null && f[1].equals("1")) {
                        defaultCandidate = f;
                    }
                }
                kept.add(line);
            }
            for (String line : kept) {
                if (defaultCandidate != null && line.startsWith("m=")) {
                    String[] f = line.split(" ", 3);
                    line = f[0] + " " + defaultCandidate[5] + " " + f[2];
                } else if (defaultCandidate != null && line.startsWith("c=IN ")) {
                    String family = defaultCandidate[4].contains(":") ? "IP6" : "IP4";
                    line = "c=IN " + family + " " + defaultCandidate[4];
                }
                out.append(line).append(eol);
            }
        }
        return out.toString();
    }

    private static boolean isLoopback(String address) {
        return address.startsWith("127.");
    }

    private static void requireInstalled(Options options) {
        List<String> missing = Stream.of(options.chromium(), options.chromedriver(), options.ffmpeg())
                .filter(p -> !Files.isExecutable(p))
                .map(Path::toString)
                .collect(Collectors.toList());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Interop tests need real Chromium, chromedriver and ffmpeg, but "
                    + String.join(", ", missing) + " " + (missing.size() == 1 ? "is" : "are")
                    + " missing. Run scripts/test-all.sh, which installs the Debian packages chromium, "
                    + "chromium-driver and ffmpeg when missing (or: apt-get install -y chromium chromium-driver ffmpeg).");
        }
    }

    static List<String> chromiumArgs(Options options, Path profile, Path microphone) {
        List<String> args = new ArrayList<>(List.of(
                "--headless=new",
                "--no-sandbox",                         // we run as root
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",      // no update, safe-browsing or metrics traffic
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-domain-reliability",
                "--disable-renderer-backgrounding",
                "--disable-background-timer-throttling",
                // Even with the flags above, Debian's Chromium looks up clients2.google.com (network time),
                // accounts.google.com and start.duckduckgo.com at start; on this closed network the system resolver
                // can take 5 s to fail, and chromedriver's first navigation waits for it. No name resolves, then:
                // only IP literals are reachable, and nothing is asked of a DNS server.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
                "--user-data-dir=" + profile,
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                "--use-file-for-fake-audio-capture=" + microphone,
                "--allow-loopback-in-peer-connection",  // else no candidate on 127.0.0.1
                "--autoplay-policy=no-user-gesture-required"));
        Set<String> disabled = new LinkedHashSet<>(options.disabledFeatures());
        if (!options.postQuantumDtls()) {
            // Chromium's DTLS ClientHello then carries no X25519MLKEM768 share and fits one datagram.
            disabled.add("WebRtcPqcForDtls");
        }
        // Chromium honours only one --disable-features switch, so every feature goes into the same one.
        if (!disabled.isEmpty()) {
            args.add("--disable-features=" + String.join(",", disabled));
        }
        args.addAll(options.extraArgs());
        return args;
    }

    private static HttpServer servePages() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                byte[] body = null;
                if (path.startsWith("/interop/") && !path.contains("..")) {
                    try (InputStream in = ChromiumPeer.class.getResourceAsStream(path)) {
                        body = in == null ? null : in.readAllBytes();
                    }
                }
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                String type = path.endsWith(".js") ? "text/javascript" : path.endsWith(".html") ? "text/html" : "application/octet-stream";
                exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        return server;
    }

    private record Chromedriver(Process process, URI uri) {}

    private static Chromedriver startChromedriver(Options options, Path directory) throws IOException {
        IOException last = null;
        // A free port can be taken between our probe and chromedriver's bind: try a few.
        for (int attempt = 0; attempt < 3; attempt++) {
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
                port = probe.getLocalPort();
            }
            Process process = new ProcessBuilder(options.chromedriver().toString(),
                    "--port=" + port,
                    "--allowed-ips=127.0.0.1",
                    "--log-path=" + directory.resolve("chromedriver.log"),
                    "--enable-chrome-logs")
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("chromedriver.out").toFile())
                    .start();
            URI driver = URI.create("http://127.0.0.1:" + port + "/");
            long deadline = System.nanoTime() + options.timeout().toNanos();
            while (System.nanoTime() < deadline && process.isAlive()) {
                if (WebDriverSession.ready(HTTP, driver, Duration.ofSeconds(2))) {
                    return new Chromedriver(process, driver);
                }
                sleep(50);
            }
            last = new IOException("chromedriver on port " + port + (process.isAlive() ? " never became ready"
                    : " exited with " + process.exitValue()) + ": " + tail(directory.resolve("chromedriver.out"), 10));
            stop(process, List.of());
        }
        throw Objects.requireNonNull(last);
    }

    private static void cleanUp(@Nullable WebDriverSession session, @Nullable HttpServer pages,
            @Nullable Process chromedriver, @Nullable Path directory, Duration timeout) {
        // Chromium's zygote and renderers are chromedriver's descendants: note them before their parents go.
        List<ProcessHandle> descendants = chromedriver == null ? List.of() : chromedriver.descendants().toList();
        if (session != null) {
            try {
                session.delete(timeout);
            } catch (RuntimeException e) {
                log.warn("Deleting the WebDriver session failed ({}); killing the browser instead", e.getMessage());
            }
        }
        if (pages != null) {
            pages.stop(0);
        }
        if (chromedriver != null) {
            stop(chromedriver, descendants);
        }
        if (directory != null) {
            deleteRecursively(directory);
        }
    }

    private static void stop(Process process, List<ProcessHandle> descendants) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle p : descendants) {
            if (p.isAlive()) {
                p.destroy();
            }
        }
        for (ProcessHandle p : descendants) {
            try {
                p.onExit().get(3, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }

    private static void deleteRecursively(Path directory) {
        // Chromium may still be flushing its profile for a moment after it quit: one retry.
        for (int attempt = 0; attempt < 2 && Files.exists(directory); attempt++) {
            try (Stream<Path> walk = Files.walk(directory)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                log.debug("deleting {}: {}", directory, e.toString());
            }
            if (Files.exists(directory)) {
                sleep(200);
            }
        }
        if (Files.exists(directory)) {
            log.warn("Could not delete {}", directory);
        }
    }

    private static void run(Path directory, List<String> command, Duration timeout) throws IOException {
        Path output = Files.createTempFile(directory, "command-", ".out");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within " + timeout);
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ": "
                        + tail(output, 20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * How to start a {@link ChromiumPeer}. Immutable; {@code with…} methods return a changed copy.
     *
     * @param name a label for logs and the temp dir
     * @param toneHz the sine tone the fake microphone plays when {@code fakeAudio} is null
     * @param fakeAudio a 48 kHz mono s16 WAV to play instead of the tone (looped), or null
     * @param postQuantumDtls whether Chromium's DTLS ClientHello carries its post-quantum key share (its default);
     *     false adds {@code --disable-features=WebRtcPqcForDtls}
     * @param loopbackCandidatesOnly whether the SDP handed out keeps only UDP candidates on 127.0.0.0/8
     * @param disabledFeatures more Chromium features to disable (merged into the one {@code --disable-features})
     * @param extraArgs more Chromium switches, appended last
     * @param timeout the limit for each step (start, offer, answer, recording)
     */
    public record Options(String name, double toneHz, @Nullable Path fakeAudio, boolean postQuantumDtls,
            boolean loopbackCandidatesOnly, List<String> disabledFeatures, List<String> extraArgs,
            Path chromium, Path chromedriver, Path ffmpeg, Duration timeout) {
        public Options {
            Objects.requireNonNull(name, "name");
            disabledFeatures = List.copyOf(disabledFeatures);
            extraArgs = List.copyOf(extraArgs);
            Objects.requireNonNull(chromium, "chromium");
            Objects.requireNonNull(chromedriver, "chromedriver");
            Objects.requireNonNull(ffmpeg, "ffmpeg");
            Objects.requireNonNull(timeout, "timeout");
        }

        /** A 440 Hz tone, post-quantum DTLS on (Chromium's default), loopback candidates only, Debian's binaries. */
        public static Options defaults() {
            return new Options("chromium-" + NAMES.incrementAndGet(), 440, null, true, true, List.of(), List.of(),
                    Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromedriver"), Path.of("/usr/bin/ffmpeg"),
                    Duration.ofSeconds(20));
        }

        public Options withName(String name) {
            return new Options(name, toneHz, fakeAudio, postQuantumDtls, loopbackCandidatesOnly, disabledFeatures,
                    extraArgs, chromium, chromedriver, ffmpeg, timeout);
        }

        public Options withToneHz(double toneHz) {
            return new Options(name, toneHz, null, postQuantumDtls, loopbackCandidatesOnly, disabledFeatures,
                    extraArgs, chromium, chromedriver, ffmpeg, timeout);
        }

        public Options withFakeAudio(Path wav) {
            return new Options(name, toneHz, wav, postQuantumDtls, loopbackCandidatesOnly, disabledFeatures,
                    extraArgs, chromium, chromedriver, ffmpeg, timeout);
        }

        public Options withPostQuantumDtls(boolean enabled) {
            return new Options(name, toneHz, fakeAudio, enabled, loopbackCandidatesOnly, disabledFeatures,
                    extraArgs, chromium, chromedriver, ffmpeg, timeout);
        }

        public Options withLoopbackCandidatesOnly(boolean only) {
            return new Options(name, toneHz, fakeAudio, postQuantumDtls, only, disabledFeatures,
                    extraArgs, chromium, chromedriver, ffmpeg, timeout);
        }

        public Options withDisabledFeatures(String... features) {
            return new Options(name, toneHz, fakeAudio, postQuantumDtls, loopbackCandidatesOnly, List.of(features),
                    extraArgs, chromium, chromedriver, ffmpeg, timeout);
        }

        public Options withExtraArgs(String... args) {
            return new Options(name, toneHz, fakeAudio, postQuantumDtls, loopbackCandidatesOnly, disabledFeatures,
                    List.of(args), chromium, chromedriver, ffmpeg, timeout);
        }

        public Options withBinaries(Path chromium, Path chromedriver, Path ffmpeg) {
            return new Options(name, toneHz, fakeAudio, postQuantumDtls, loopbackCandidatesOnly, disabledFeatures,
                    extraArgs, chromium, chromedriver, ffmpeg, timeout);
        }

        public Options withTimeout(Duration timeout) {
            return new Options(name, toneHz, fakeAudio, postQuantumDtls, loopbackCandidatesOnly, disabledFeatures,
                    extraArgs, chromium, chromedriver, ffmpeg, timeout);
        }
    }

    /**
     * What {@code getStats()} says about the call, reduced to what interop tests assert on; {@link #raw()} keeps
     * the whole report. Counters are 0 and strings null while the stat they come from does not exist yet.
     *
     * @param tlsVersion the DTLS version as Chromium reports it: {@code FEFD} is DTLS 1.2, {@code FEFC} DTLS 1.3
     * @param dtlsRole {@code client} or {@code server}
     * @param selectedPair the nominated candidate pair, or null before ICE selected one
     */
    public record Stats(String connectionState, String iceConnectionState, @Nullable String dtlsState,
            @Nullable String tlsVersion, @Nullable String dtlsCipher, @Nullable String srtpCipher,
            @Nullable String dtlsRole, @Nullable String iceRole, @Nullable String iceState,
            @Nullable CandidatePair selectedPair, long packetsSent, long bytesSent, long packetsReceived,
            long packetsLost, long bytesReceived, @Nullable Double audioLevel, @Nullable Double totalAudioEnergy,
            @Nullable Double jitterSeconds, @Nullable String inboundCodec, @Nullable String outboundCodec,
            JsonNode raw) {

        static Stats from(JsonNode s) {
            JsonNode t = s.path("transport");
            JsonNode in = s.path("inbound");
            JsonNode out = s.path("outbound");
            CandidatePair pair = s.path("pair").isObject()
                    ? new CandidatePair(s.path("pair").path("state").asText(),
                            s.path("pair").path("nominated").asBoolean(false),
                            Candidate.from(s.path("localCandidate")), Candidate.from(s.path("remoteCandidate")),
                            s.path("pair").path("bytesSent").asLong(), s.path("pair").path("bytesReceived").asLong(),
                            decimal(s.path("pair").path("currentRoundTripTime")))
                    : null;
            return new Stats(s.path("connectionState").asText(), s.path("iceConnectionState").asText(),
                    text(t.path("dtlsState")), text(t.path("tlsVersion")), text(t.path("dtlsCipher")),
                    text(t.path("srtpCipher")), text(t.path("dtlsRole")), text(t.path("iceRole")),
                    text(t.path("iceState")), pair, out.path("packetsSent").asLong(), out.path("bytesSent").asLong(),
                    in.path("packetsReceived").asLong(), in.path("packetsLost").asLong(),
                    in.path("bytesReceived").asLong(), decimal(in.path("audioLevel")),
                    decimal(in.path("totalAudioEnergy")), decimal(in.path("jitter")),
                    codec(s.path("inboundCodec")), codec(s.path("outboundCodec")), s);
        }

        /** One line for logs and reports, without the raw report. */
        public String summary() {
            return String.format(Locale.ROOT,
                    "connection=%s dtls=%s tlsVersion=%s dtlsCipher=%s srtpCipher=%s dtlsRole=%s iceRole=%s pair=%s "
                            + "sent=%d packets received=%d packets lost=%d audioLevel=%s totalAudioEnergy=%s codec in=%s out=%s",
                    connectionState, dtlsState, tlsVersion, dtlsCipher, srtpCipher, dtlsRole, iceRole, selectedPair,
                    packetsSent, packetsReceived, packetsLost, audioLevel, totalAudioEnergy, inboundCodec, outboundCodec);
        }

        @Override
        public String toString() {
            return summary();
        }

        private static @Nullable String text(JsonNode n) {
            return n.isMissingNode() || n.isNull() ? null : n.asText();
        }

        private static @Nullable Double decimal(JsonNode n) {
            return n.isNumber() ? n.asDouble() : null;
        }

        private static @Nullable String codec(JsonNode c) {
            return c.isObject() ? c.path("mimeType").asText() + "/" + c.path("clockRate").asText() + " pt "
                    + c.path("payloadType").asText() : null;
        }
    }

    /** The ICE candidate pair Chromium selected. */
    public record CandidatePair(String state, boolean nominated, Candidate local, Candidate remote, long bytesSent,
            long bytesReceived, @Nullable Double currentRoundTripTimeSeconds) {
        @Override
        public String toString() {
            return local + " -> " + remote + " (" + state + (nominated ? ", nominated" : "") + ")";
        }
    }

    /** One side of a candidate pair. */
    public record Candidate(String address, int port, String protocol, String candidateType) {
        static Candidate from(JsonNode c) {
            String address = c.path("address").asText(c.path("ip").asText());
            return new Candidate(address, c.path("port").asInt(), c.path("protocol").asText(),
                    c.path("candidateType").asText());
        }

        @Override
        public String toString() {
            return candidateType + " " + protocol + " " + address + ":" + port;
        }
    }
}
