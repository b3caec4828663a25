package dev.wacalls.webhook;

import static dev.wacalls.webhook.WebhookFixtures.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Whatever arrives, the only failure a caller sees is a WebhookException; signatures accept exactly the right one. */
class WebhookPropertiesTest {
    private static final Webhooks STRICT = WebhookFixtures.strict();
    private static final Webhooks LENIENT = WebhookFixtures.lenient();
    private static final List<String> FIXTURES = WebhookFixtures.validFixtureNames();
    private static final Map<String, byte[]> BYTES = new ConcurrentHashMap<>();
    private static final Map<String, JsonNode> TREES = new ConcurrentHashMap<>();

    private static byte[] bytes(String fixture) {
        return BYTES.computeIfAbsent(fixture, WebhookFixtures::fixture);
    }

    private static JsonNode tree(String fixture) {
        return TREES.computeIfAbsent(fixture, f -> WebhookFixtures.tree(bytes(f)));
    }

    /** Parsing either returns a batch whose events answer their accessors, or throws WebhookPayloadException. */
    private static String assertOnlyPayloadExceptions(byte[] body, boolean lenient) {
        Webhooks webhooks = lenient ? LENIENT : STRICT;
        Throwable t = catchThrowable(() -> {
            WebhookBatch batch = webhooks.parseWithoutVerification(body);
            for (WebhookEvent e : batch.events()) {
                assertThat(e.idempotencyKey()).isNotBlank();
                e.timestamp();
                e.context();
            }
        });
        if (t == null) {
            return "parsed";
        }
        assertThat(t).isExactlyInstanceOf(WebhookPayloadException.class);
        return ((WebhookPayloadException) t).reason().name();
    }

    // ---- (a) arbitrary bytes -------------------------------------------------------------------------------

    @Property(tries = 1000, shrinking = ShrinkingMode.BOUNDED)
    void arbitraryBytesGiveAPayloadExceptionOrABatch(@ForAll("anyBytes") byte[] body, @ForAll boolean lenient) {
        assertOnlyPayloadExceptions(body, lenient);
    }

    @Property(tries = 1000, shrinking = ShrinkingMode.BOUNDED)
    void fixturesWithRandomByteEditsGiveAPayloadExceptionOrABatch(
            @ForAll("byteEditedFixtures") byte[] body, @ForAll boolean lenient) {
        Statistics.collect(assertOnlyPayloadExceptions(body, lenient));
        Statistics.coverage(c -> c.check("parsed").percentage(p -> p > 3));
    }

    @Provide
    Arbitrary<byte[]> anyBytes() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
        // Bytes drawn from JSON's own alphabet reach deeper into the parser than uniform noise.
        Arbitrary<byte[]> jsonish = Arbitraries.of("{", "}", "[", "]", ":", ",", "\"", "\\", "0", "-", "1e9", "e",
                        ".", " ", "\n", "true", "null", "f", "\"entry\"", "\"calls\"", "\u00e9", "\uD83D\uDCDE", "\u0000",
                        "\\u", "\\ud83d", "\\uDC00", "\u00ff")
                .list().ofMaxSize(80)
                .map(parts -> WebhookFixtures.utf8(String.join("", parts)));
        return Arbitraries.oneOf(random, jsonish);
    }

    @Provide
    Arbitrary<byte[]> byteEditedFixtures() {
        Arbitrary<String> fixture = Arbitraries.of(FIXTURES);
        Arbitrary<List<int[]>> edits = Combinators.combine(
                        Arbitraries.integers().between(0, 2), // 0 = overwrite, 1 = insert, 2 = delete
                        Arbitraries.integers().greaterOrEqual(0),
                        Arbitraries.integers().between(-128, 127))
                .as((op, at, value) -> new int[] {op, at, value})
                .list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<Integer> truncateTo = Arbitraries.frequencyOf( // -1 = no truncation
                net.jqwik.api.Tuple.of(7, Arbitraries.just(-1)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 20_000)));
        return Combinators.combine(fixture, edits, truncateTo).as((name, ops, cut) -> {
            List<Byte> b = new ArrayList<>();
            for (byte x : bytes(name)) {
                b.add(x);
            }
            for (int[] op : ops) {
                int at = b.isEmpty() ? 0 : op[1] % b.size();
                switch (op[0]) {
                    case 0 -> { if (!b.isEmpty()) b.set(at, (byte) op[2]); }
                    case 1 -> b.add(at, (byte) op[2]);
                    default -> { if (!b.isEmpty()) b.remove(at); }
                }
            }
            int size = cut < 0 ? b.size() : Math.min(cut, b.size());
            byte[] out = new byte[size];
            for (int i = 0; i < size; i++) {
                out[i] = b.get(i);
            }
            return out;
        });
    }

    // ---- (b) fixtures with values of the wrong type --------------------------------------------------------

    /** One mutation: which node (index into a depth-first listing), and what to put there (null = remove it). */
    record Mutation(int target, List<JsonNode> candidates, boolean remove) {}

    @Property(tries = 1000, shrinking = ShrinkingMode.BOUNDED)
    void fixturesWithValuesOfOtherTypesGiveAPayloadExceptionOrABatch(
            @ForAll("fixtureNames") String fixture,
            @ForAll("mutations") @Size(min = 1, max = 4) List<Mutation> mutations,
            @ForAll boolean lenient) {
        JsonNode root = tree(fixture).deepCopy();
        for (Mutation m : mutations) {
            apply(root, m);
        }
        String outcome = assertOnlyPayloadExceptions(WebhookFixtures.compact(root), lenient);
        // The mutations must reach the typed readers, not just break the document: both outcomes are common.
        Statistics.collect(outcome);
        Statistics.coverage(c -> {
            c.check("parsed").percentage(p -> p > 10);
            c.check("WRONG_SHAPE").percentage(p -> p > 10);
        });
    }

    @Provide
    Arbitrary<String> fixtureNames() {
        return Arbitraries.of(FIXTURES);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(
                        Arbitraries.integers().greaterOrEqual(0),
                        jsonValues().list().ofMinSize(3).ofMaxSize(3),
                        Arbitraries.integers().between(0, 9).map(i -> i == 0))
                .as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] FIELD_NAMES = {
        "id", "timestamp", "event", "direction", "from", "to", "session", "sdp", "sdp_type", "status", "calls",
        "statuses", "errors", "code", "duration", "messages", "interactive", "type", "call_recording", "audio",
        "context", "response", "expiration_timestamp", "metadata", "phone_number_id", "changes", "entry", "value"
    };

    static Arbitrary<JsonNode> scalars() {
        Arbitrary<JsonNode> strings = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(16).map(s -> (JsonNode) TextNode.valueOf(s)),
                Arbitraries.of("", " ", "abc", "-1", "0", "1e999", "1671644824", "99999999999999999999",
                                "9223372036854775808", "9999999999999999999", "wacid.", "wacid.a b", "wamid.x=",
                                "US.13491208655302741918", "{\"sdp\":1}", "{", "connect", "terminate",
                                "call_permission_reply", "COMPLETED", "true", "\u0000", "\r\n", "\uD83D\uDCDE")
                        .map(s -> (JsonNode) TextNode.valueOf(s)));
        Arbitrary<JsonNode> numbers = Arbitraries.oneOf(
                Arbitraries.longs().map(l -> (JsonNode) LongNode.valueOf(l)),
                Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, 253402300800L, -1671644824L)
                        .map(l -> (JsonNode) LongNode.valueOf(l)),
                Arbitraries.of(1e308, -1e308, 0.5, -0.0, 1671644824.0, 4.9e-324)
                        .map(d -> (JsonNode) DoubleNode.valueOf(d)),
                Arbitraries.of(new BigInteger("123456789012345678901234567890"), BigInteger.TEN.pow(63),
                                BigInteger.TEN.pow(80).negate())
                        .map(b -> (JsonNode) BigIntegerNode.valueOf(b)),
                Arbitraries.of(new BigDecimal("1E+400"), new BigDecimal("-1.5E-400"), new BigDecimal("123.000"))
                        .map(b -> (JsonNode) DecimalNode.valueOf(b)));
        Arbitrary<JsonNode> others = Arbitraries.of(
                (JsonNode) NullNode.getInstance(), BooleanNode.TRUE, BooleanNode.FALSE);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, strings), net.jqwik.api.Tuple.of(4, numbers), net.jqwik.api.Tuple.of(2, others));
    }

    static Arbitrary<JsonNode> jsonValues() {
        Arbitrary<JsonNode> objects = Combinators.combine(
                        Arbitraries.of(FIELD_NAMES).list().ofMaxSize(3), scalars().list().ofMinSize(3).ofMaxSize(3))
                .as((keys, values) -> {
                    ObjectNode o = NODES.objectNode();
                    for (int i = 0; i < keys.size(); i++) {
                        o.set(keys.get(i), values.get(i));
                    }
                    return (JsonNode) o;
                });
        Arbitrary<JsonNode> arrays = scalars().list().ofMaxSize(3).map(values -> {
            ArrayNode a = NODES.arrayNode();
            values.forEach(a::add);
            return (JsonNode) a;
        });
        Arbitrary<JsonNode> nestedArrays = objects.list().ofMinSize(1).ofMaxSize(2).map(values -> {
            ArrayNode a = NODES.arrayNode();
            values.forEach(a::add);
            return (JsonNode) a;
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, scalars()), net.jqwik.api.Tuple.of(2, objects),
                net.jqwik.api.Tuple.of(1, arrays), net.jqwik.api.Tuple.of(1, nestedArrays));
    }

    private record Slot(JsonNode parent, String field, int index) {}

    private static void collect(JsonNode node, List<Slot> out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                out.add(new Slot(node, name, -1));
                collect(node.get(name), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(new Slot(node, null, i));
                collect(node.get(i), out);
            }
        }
    }

    private static void apply(JsonNode root, Mutation m) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty()) {
            return;
        }
        Slot slot = slots.get(m.target() % slots.size());
        JsonNode current = slot.field() != null ? slot.parent().get(slot.field()) : slot.parent().get(slot.index());
        JsonNode replacement = m.candidates().stream()
                .filter(c -> c.getNodeType() != current.getNodeType())
                .findFirst()
                .orElse(m.candidates().get(0))
                .deepCopy();
        if (slot.field() != null) {
            if (m.remove()) {
                ((ObjectNode) slot.parent()).remove(slot.field());
            } else {
                ((ObjectNode) slot.parent()).set(slot.field(), replacement);
            }
        } else if (m.remove()) {
            ((ArrayNode) slot.parent()).remove(slot.index());
        } else {
            ((ArrayNode) slot.parent()).set(slot.index(), replacement);
        }
    }

    // ---- (c) signatures ------------------------------------------------------------------------------------

    @Property(tries = 1000)
    void exactlyTheCorrectSignatureIsAccepted(
            @ForAll @Size(max = 4096) byte[] body,
            @ForAll @StringLength(min = 1, max = 64) String secret,
            @ForAll @IntRange(min = 0, max = 63) int digit,
            @ForAll @IntRange(min = 1, max = 15) int delta) {
        Webhooks webhooks = Webhooks.builder().appSecret(secret).build();
        String header = sign(body, secret);
        assertThatCode(() -> webhooks.verifySignature(body, header)).doesNotThrowAnyException();

        String hex = header.substring("sha256=".length());
        int changed = (Character.digit(hex.charAt(digit), 16) + delta) % 16;
        String wrong = "sha256=" + hex.substring(0, digit) + HexFormat.of().toHexDigits((byte) changed).charAt(1)
                + hex.substring(digit + 1);
        assertThat(wrong).hasSameSizeAs(header).isNotEqualTo(header);
        Throwable t = catchThrowable(() -> webhooks.verifySignature(body, wrong));
        assertThat(t).isExactlyInstanceOf(WebhookSignatureException.class);
        assertThat(((WebhookSignatureException) t).reason()).isEqualTo(WebhookSignatureException.Reason.MISMATCH);
    }

    @Property(tries = 300)
    void aSignatureMadeWithAnyOtherSecretIsRefused(
            @ForAll @Size(max = 1024) byte[] body,
            @ForAll @StringLength(min = 1, max = 32) String secret,
            @ForAll @StringLength(min = 1, max = 32) String other) {
        // HMAC pads short keys with zero bytes, so "k" and "k\0" are the same key: not a different secret.
        net.jqwik.api.Assume.that(!hmacKey(secret).equals(hmacKey(other)));
        Webhooks webhooks = Webhooks.builder().appSecret(secret).build();
        Throwable t = catchThrowable(() -> webhooks.verifySignature(body, sign(body, other)));
        assertThat(t).isExactlyInstanceOf(WebhookSignatureException.class);
        assertThat(((WebhookSignatureException) t).reason()).isEqualTo(WebhookSignatureException.Reason.MISMATCH);
    }

    private static String hmacKey(String secret) {
        return HexFormat.of().formatHex(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .replaceAll("(00)+$", "");
    }
}
