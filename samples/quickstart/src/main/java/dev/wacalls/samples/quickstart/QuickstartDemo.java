package dev.wacalls.samples.quickstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wacalls.graph.AcceptCallRequest;
import dev.wacalls.graph.CallPermissions;
import dev.wacalls.graph.CallingSettingsUpdate;
import dev.wacalls.graph.ConnectCallRequest;
import dev.wacalls.graph.WhatsAppCallingClient;
import dev.wacalls.id.CallId;
import dev.wacalls.id.WaId;
import dev.wacalls.testkit.VirtualCandidate;
import dev.wacalls.testkit.WhatsAppEmulator;
import dev.wacalls.webhook.CallConnect;
import dev.wacalls.webhook.CallPermissionReply;
import dev.wacalls.webhook.CallStatusUpdate;
import dev.wacalls.webhook.CallTerminate;
import dev.wacalls.webhook.MessageStatusUpdate;
import dev.wacalls.webhook.WebhookEvent;
import dev.wacalls.webhook.WebhookException;
import dev.wacalls.webhook.Webhooks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The recruiter's flow against the built-in WhatsApp emulator, through real HTTP and signed webhooks: enable
 * calling, invite a candidate, wait for consent, call, hang up; then the candidate calls back and the business
 * answers. Media is not bridged yet (sdk-media), so the calls carry SDP but no audio.
 */
public final class QuickstartDemo {
    static final String APP_SECRET = "demo-app-secret";
    static final String VERIFY_TOKEN = "demo-verify-token";
    static final WaId CANDIDATE = WaId.of("+44 7700 900123");

    /** A business SDP offer of the shape WhatsApp requires; sdk-media will produce real ones. */
    static final String OFFER = String.join("\r\n",
            "v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111 126", "c=IN IP4 0.0.0.0", "a=rtcp:9 IN IP4 0.0.0.0",
            "a=ice-ufrag:wAcl", "a=ice-pwd:wacallsdemoicepassword0",
            "a=fingerprint:sha-256 2E:35:8C:11:70:0B:9A:AD:3C:55:7B:31:0F:4E:1D:98:62:A4:5C:0C:19:2A:ED:00:11:22:33:44:55:66:77:88",
            "a=setup:actpass", "a=mid:0", "a=sendrecv", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2",
            "a=fmtp:111 minptime=10;useinbandfec=1", "a=rtpmap:126 telephone-event/8000", "");

    private final PrintStream out;
    private final List<String> timeline = new ArrayList<>();
    private final BlockingQueue<WebhookEvent> events = new LinkedBlockingQueue<>();

    QuickstartDemo(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        new QuickstartDemo(System.out).run();
    }

    /** Runs the flow; returns the timeline the ATS would show. */
    List<String> run() throws Exception {
        Webhooks webhooks = Webhooks.builder().appSecret(APP_SECRET).verifyToken(VERIFY_TOKEN).build();
        HttpServer receiver = webhookEndpoint(webhooks);
        try (WhatsAppEmulator meta = WhatsAppEmulator.builder().appSecret(APP_SECRET).build()) {
            String callbackUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhook";
            say("WhatsApp emulator at " + meta.baseUrl() + ", webhooks to " + callbackUrl);
            handshake(callbackUrl);
            meta.webhookUrl(callbackUrl);
            meta.addCandidate(VirtualCandidate.of(CANDIDATE, "Alex Candidate").ringingFor(Duration.ofMillis(300)));

            WhatsAppCallingClient client = WhatsAppCallingClient.builder()
                    .baseUrl(meta.baseUrl())
                    .accessToken(meta.accessToken())
                    .phoneNumberId(meta.phoneNumberId())
                    .wabaId(meta.wabaId())
                    .build();

            client.settings().update(CallingSettingsUpdate.enableCalling());
            say("Calling enabled: " + client.settings().get().enabled());

            // 1. Invite to call.
            var request = client.permissions().sendRequest(CANDIDATE, "Hi Alex, may we call you about the role?");
            record("permission requested (" + request + ")");
            MessageStatusUpdate delivered = await(MessageStatusUpdate.class, s -> s.rawStatus().equals("delivered"));
            say("Invitation " + delivered.rawStatus());

            // 2. Waiting for reply … the candidate accepts on WhatsApp.
            CallPermissionReply reply = await(CallPermissionReply.class, r -> true);
            record("permission " + (reply.granted() ? "granted" : "declined") + " by "
                    + reply.user().name().orElse("?") + (reply.permanent() ? " (permanent)"
                            : ", until " + reply.expiration().map(Object::toString).orElse("?")));
            CallPermissions meta1 = client.permissions().get(CANDIDATE);
            say("Meta says: permission " + meta1.status() + ", can call: " + meta1.canStartCall());

            // 3. Call.
            CallId call = client.calls().connect(ConnectCallRequest.to(CANDIDATE, OFFER)
                    .bizOpaqueCallbackData("candidate-42").build());
            record("call started " + call);
            await(CallStatusUpdate.class, s -> s.rawStatus().equals("RINGING"));
            say("Ringing…");
            CallConnect answer = await(CallConnect.class, c -> c.callId().equals(call));
            say("Answered: WhatsApp's SDP " + answer.sdpType() + " to apply ("
                    + answer.sdp().lines().count() + " lines)");
            await(CallStatusUpdate.class, s -> s.rawStatus().equals("ACCEPTED"));
            say("Connected");
            Thread.sleep(1200);
            client.calls().terminate(call);
            CallTerminate end = await(CallTerminate.class, t -> t.callId().equals(call));
            record("call completed: " + end.status() + ", " + end.connectedFor().map(Duration::toSeconds).orElse(0L)
                    + " s, opaque " + end.bizOpaqueCallbackData());

            // 4. The candidate calls back.
            CallId back = meta.callBusiness(CANDIDATE);
            CallConnect incoming = await(CallConnect.class, c -> c.callId().equals(back));
            say("Incoming call from " + incoming.user().name().orElse("?") + " with an SDP " + incoming.sdpType());
            client.calls().preAccept(back, OFFER.replace("a=setup:actpass", "a=setup:active"));
            client.calls().accept(AcceptCallRequest.of(back, OFFER.replace("a=setup:actpass", "a=setup:active")));
            record("call started " + back + " (candidate called)");
            Thread.sleep(1100);
            meta.hangUp(back);
            CallTerminate backEnd = await(CallTerminate.class, t -> t.callId().equals(back));
            record("call completed: " + backEnd.status() + " (candidate hung up), "
                    + backEnd.connectedFor().map(Duration::toSeconds).orElse(0L) + " s");
        } finally {
            receiver.stop(0);
        }
        say("Timeline:");
        timeline.forEach(t -> say("  • " + t));
        return List.copyOf(timeline);
    }

    /** What the ATS's webhook endpoint does: verify the raw bytes, parse, queue, answer 200 at once. */
    private HttpServer webhookEndpoint(Webhooks webhooks) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/webhook", exchange -> {
            try (exchange) {
                if (exchange.getRequestMethod().equals("GET")) {
                    Map<String, String> q = query(exchange.getRequestURI());
                    try {
                        respond(exchange, 200, webhooks.verifySubscription(
                                q.get("hub.mode"), q.get("hub.verify_token"), q.get("hub.challenge")));
                    } catch (WebhookException e) {
                        respond(exchange, e.httpStatus(), e.getMessage());
                    }
                    return;
                }
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                try {
                    events.addAll(webhooks.parse(body, exchange.getRequestHeaders().getFirst(Webhooks.SIGNATURE_HEADER))
                            .events());
                    respond(exchange, 200, "");
                } catch (WebhookException e) {
                    respond(exchange, e.httpStatus(), e.getMessage());
                }
            }
        });
        server.start();
        return server;
    }

    private void handshake(String callbackUrl) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(URI.create(
                        callbackUrl + "?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN + "&hub.challenge=1158201444"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        say("Webhook subscription handshake: HTTP " + response.statusCode() + ", challenge " + response.body());
    }

    private <T extends WebhookEvent> T await(Class<T> type, Predicate<T> match) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        List<WebhookEvent> skipped = new ArrayList<>();
        try {
            while (System.nanoTime() < deadline) {
                WebhookEvent e = events.poll(100, TimeUnit.MILLISECONDS);
                if (e == null) {
                    continue;
                }
                if (type.isInstance(e) && match.test(type.cast(e))) {
                    return type.cast(e);
                }
                skipped.add(e);
            }
        } finally {
            // Events that arrived out of the order we wait in are kept for later waits.
            List<WebhookEvent> rest = new ArrayList<>(skipped);
            events.drainTo(rest);
            events.addAll(rest);
        }
        throw new IllegalStateException("no " + type.getSimpleName() + " webhook within 15 s; saw " + skipped);
    }

    private void record(String entry) {
        timeline.add(entry);
        say("[timeline] " + entry);
    }

    private void say(String line) {
        out.println(line);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
