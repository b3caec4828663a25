package dev.wacalls.bench;

import dev.wacalls.webhook.WebhookBatch;
import dev.wacalls.webhook.Webhooks;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Webhook intake on one core: verify X-Hub-Signature-256 over the raw body, then parse into typed events.
 * Each body holds one event, so operations per second are events per second. {@code hmacOnly} is the floor
 * set by the JDK's HMAC-SHA256 over the same bytes, run in the same process for a ratio.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar WebhookBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class WebhookBenchmark {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private Webhooks webhooks;
    private byte[] connect;
    private String connectSignature;
    private byte[] terminate;
    private String terminateSignature;
    private byte[] permissionReply;
    private String permissionReplySignature;
    private Mac mac;

    @Setup
    public void setUp() throws Exception {
        webhooks = Webhooks.builder().appSecret(SECRET).build();
        connect = WebhookSamples.userInitiatedConnect().getBytes(StandardCharsets.UTF_8);
        terminate = WebhookSamples.terminate().getBytes(StandardCharsets.UTF_8);
        permissionReply = WebhookSamples.permissionReply().getBytes(StandardCharsets.UTF_8);
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        connectSignature = sign(connect);
        terminateSignature = sign(terminate);
        permissionReplySignature = sign(permissionReply);
        // Fail fast if a sample stops parsing: a benchmark of an exception path measures nothing useful.
        check(webhooks.parse(connect, connectSignature));
        check(webhooks.parse(terminate, terminateSignature));
        check(webhooks.parse(permissionReply, permissionReplySignature));
    }

    private static void check(WebhookBatch batch) {
        if (batch.events().size() != 1 || batch.events().get(0).getClass().getSimpleName().equals("Unknown")) {
            throw new IllegalStateException("sample did not parse into one typed event: " + batch);
        }
    }

    private String sign(byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Benchmark
    public WebhookBatch connectWithSdp() {
        return webhooks.parse(connect, connectSignature);
    }

    @Benchmark
    public WebhookBatch terminate() {
        return webhooks.parse(terminate, terminateSignature);
    }

    @Benchmark
    public WebhookBatch permissionReply() {
        return webhooks.parse(permissionReply, permissionReplySignature);
    }

    @Benchmark
    public byte[] hmacOnlyConnect() {
        return mac.doFinal(connect);
    }
}
