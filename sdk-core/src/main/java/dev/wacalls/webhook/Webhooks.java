package dev.wacalls.webhook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wacalls.internal.Json;
import dev.wacalls.internal.JsonShapeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Verifies and parses WhatsApp webhooks. Immutable and thread-safe: build one per app (or one with every app
 * secret you accept) and share it.
 *
 * <pre>{@code
 * Webhooks webhooks = Webhooks.builder().appSecret(appSecret).verifyToken(verifyToken).build();
 *
 * // GET  /webhook?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…
 * String challenge = webhooks.verifySubscription(mode, token, challenge);   // answer 200 with it
 *
 * // POST /webhook   (pass the raw bytes, before any JSON parsing)
 * WebhookBatch batch = webhooks.parse(rawBody, request.getHeader("X-Hub-Signature-256"));
 * }</pre>
 *
 * <p>Answer Meta quickly (it times out after about 20 s and retries) and process the events asynchronously; on a
 * {@link WebhookException} answer with its {@link WebhookException#httpStatus()}.
 */
public final class Webhooks {
    /** Meta's signature header. */
    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    /** Default upper bound of a body: Meta batches up to 1,000 updates; with SDPs that stays well below this. */
    public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

    private static final String PREFIX = "sha256=";
    /** The start of a {@code true}/{@code false}/{@code null} cut short, as Jackson reports it. */
    private static final Pattern PARTIAL_LITERAL =
            Pattern.compile("Unrecognized token '(t|tr|tru|f|fa|fal|fals|n|nu|nul)'");

    private final List<byte[]> secrets;
    private final ThreadLocal<Mac[]> macs;
    private final @Nullable String verifyToken;
    private final int maxBodyBytes;
    private final boolean lenient;

    private Webhooks(Builder b) {
        this.secrets = List.copyOf(b.secrets);
        this.verifyToken = b.verifyToken;
        this.maxBodyBytes = b.maxBodyBytes;
        this.lenient = b.lenient;
        this.macs = ThreadLocal.withInitial(this::newMacs);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The GET handshake Meta sends when the callback URL is configured. Returns the challenge to answer with
     * (status 200, body = challenge); throws when the mode is not {@code subscribe} or the token does not match.
     */
    public String verifySubscription(@Nullable String mode, @Nullable String token, @Nullable String challenge) {
        if (verifyToken == null) {
            throw new IllegalStateException("no verify token configured: Webhooks.builder().verifyToken(…)");
        }
        if (!"subscribe".equals(mode)) {
            throw new WebhookSubscriptionException("hub.mode must be 'subscribe', got " + quote(mode));
        }
        if (token == null || !MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8), verifyToken.getBytes(StandardCharsets.UTF_8))) {
            throw new WebhookSubscriptionException("hub.verify_token does not match the configured verify token");
        }
        if (challenge == null || challenge.isEmpty()) {
            throw new WebhookSubscriptionException("hub.challenge is missing");
        }
        return challenge;
    }

    /**
     * Checks {@code X-Hub-Signature-256} ({@code sha256=<hex HMAC-SHA256 of the raw body with the app secret>}) in
     * constant time.
     */
    public void verifySignature(byte[] rawBody, @Nullable String signatureHeader) {
        Objects.requireNonNull(rawBody, "rawBody");
        checkSize(rawBody);
        if (secrets.isEmpty()) {
            throw new IllegalStateException("no app secret configured: Webhooks.builder().appSecret(…)");
        }
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new WebhookSignatureException(WebhookSignatureException.Reason.MISSING,
                    "the " + SIGNATURE_HEADER + " header is missing");
        }
        String header = signatureHeader.trim();
        if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new WebhookSignatureException(WebhookSignatureException.Reason.MALFORMED,
                    SIGNATURE_HEADER + " must start with 'sha256='");
        }
        byte[] provided = decodeHex(header.substring(PREFIX.length()));
        if (provided == null) {
            throw new WebhookSignatureException(WebhookSignatureException.Reason.MALFORMED,
                    SIGNATURE_HEADER + " must carry 64 hexadecimal digits after 'sha256='");
        }
        boolean match = false;
        for (Mac mac : macs.get()) {
            byte[] expected = mac.doFinal(rawBody);
            // Every secret is tried, so the time taken does not tell which one matched.
            match |= MessageDigest.isEqual(expected, provided);
        }
        if (!match) {
            throw new WebhookSignatureException(WebhookSignatureException.Reason.MISMATCH,
                    SIGNATURE_HEADER + " does not match the body: wrong app secret, or the body was altered");
        }
    }

    /** Verifies the signature, then parses the batch. */
    public WebhookBatch parse(byte[] rawBody, @Nullable String signatureHeader) {
        verifySignature(rawBody, signatureHeader);
        return parseVerified(rawBody);
    }

    /**
     * Parses a body whose signature was checked elsewhere (a gateway that verified it, a replay from your own
     * store, a test). Never use this on a request straight from the network.
     */
    public WebhookBatch parseWithoutVerification(byte[] rawBody) {
        Objects.requireNonNull(rawBody, "rawBody");
        checkSize(rawBody);
        return parseVerified(rawBody);
    }

    private WebhookBatch parseVerified(byte[] rawBody) {
        if (isBlank(rawBody)) {
            throw new WebhookPayloadException(WebhookPayloadException.Reason.EMPTY, "the webhook body is empty", null, null);
        }
        JsonNode root;
        try {
            root = Json.parse(rawBody);
        } catch (StreamConstraintsException e) {
            throw new WebhookPayloadException(WebhookPayloadException.Reason.TOO_DEEP,
                    "the webhook body exceeds JSON limits (nesting deeper than " + Json.MAX_NESTING_DEPTH
                            + " or an oversized value)", null, e);
        } catch (JsonEOFException e) {
            throw new WebhookPayloadException(WebhookPayloadException.Reason.TRUNCATED,
                    "the webhook body ends in the middle of the JSON", null, e);
        } catch (JsonProcessingException e) {
            if (cutShort(e, rawBody)) {
                throw new WebhookPayloadException(WebhookPayloadException.Reason.TRUNCATED,
                        "the webhook body ends in the middle of the JSON", null, e);
            }
            throw new WebhookPayloadException(WebhookPayloadException.Reason.NOT_JSON,
                    "the webhook body is not valid JSON: " + e.getOriginalMessage(), null, e);
        } catch (IOException e) {
            throw new WebhookPayloadException(WebhookPayloadException.Reason.NOT_JSON,
                    "the webhook body could not be read: " + e.getMessage(), null, e);
        }
        try {
            return WebhookParser.parse(root, lenient);
        } catch (JsonShapeException e) {
            throw new WebhookPayloadException(WebhookPayloadException.Reason.WRONG_SHAPE,
                    "unexpected webhook content at " + e.getMessage(), e.path(), e);
        } catch (IllegalArgumentException e) {
            throw new WebhookPayloadException(WebhookPayloadException.Reason.WRONG_SHAPE,
                    "unexpected webhook content: " + e.getMessage(), null, e);
        }
    }

    /**
     * Jackson reports some bodies cut short as plain parse errors rather than {@link JsonEOFException}: after a
     * comma ("Unexpected end-of-input within/between Object entries") and inside {@code true}/{@code false}/{@code
     * null} ("Unrecognized token 'tr'", at the very end, inside an object or array).
     */
    private static boolean cutShort(JsonProcessingException e, byte[] rawBody) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return false;
        }
        if (message.startsWith("Unexpected end-of-input")) {
            return true;
        }
        Matcher token = PARTIAL_LITERAL.matcher(message);
        return token.lookingAt()
                && e.getProcessor() instanceof JsonParser parser
                && !parser.getParsingContext().inRoot()
                && e.getLocation() != null
                && e.getLocation().getByteOffset() + token.group(1).length() == rawBody.length;
    }

    private void checkSize(byte[] rawBody) {
        if (rawBody.length > maxBodyBytes) {
            throw new WebhookPayloadException(WebhookPayloadException.Reason.TOO_LARGE,
                    "the webhook body has " + rawBody.length + " bytes, more than the " + maxBodyBytes + " allowed",
                    null, null);
        }
    }

    private Mac[] newMacs() {
        Mac[] out = new Mac[secrets.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = Mac.getInstance("HmacSHA256");
                out[i].init(new SecretKeySpec(secrets.get(i), "HmacSHA256"));
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
            }
        }
        return out;
    }

    private static byte @Nullable [] decodeHex(String hex) {
        if (hex.length() != 64) {
            return null;
        }
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) {
            int hi = hexDigit(hex.charAt(2 * i));
            int lo = hexDigit(hex.charAt(2 * i + 1));
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    /** ASCII hex only: {@link Character#digit} would also read full-width and other scripts' digits. */
    private static int hexDigit(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String quote(@Nullable String s) {
        return s == null ? "nothing" : "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
    }

    /** Builds {@link Webhooks}. */
    public static final class Builder {
        private final List<byte[]> secrets = new ArrayList<>();
        private @Nullable String verifyToken;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private boolean lenient;

        private Builder() {}

        /** The app secret signatures are made with. Call again to accept several apps, or during a rotation. */
        public Builder appSecret(String appSecret) {
            Objects.requireNonNull(appSecret, "appSecret");
            if (appSecret.isEmpty()) {
                throw new IllegalArgumentException("app secret must not be empty");
            }
            secrets.add(appSecret.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** The token you typed into Meta's dashboard for the GET handshake. */
        public Builder verifyToken(String verifyToken) {
            this.verifyToken = Objects.requireNonNull(verifyToken, "verifyToken");
            return this;
        }

        /** Bodies above this are refused (413) before any work is done. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes < 1024) {
                throw new IllegalArgumentException("maxBodyBytes below 1 KiB would refuse real webhooks");
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * In lenient mode an item of the batch that cannot be read (e.g. a call id that is an object) is delivered
         * as {@link Unknown} with the problem, and the rest of the batch still arrives. By default such a batch is
         * refused with a {@link WebhookPayloadException} naming the path.
         */
        public Builder lenient(boolean lenient) {
            this.lenient = lenient;
            return this;
        }

        public Webhooks build() {
            return new Webhooks(this);
        }
    }
}
