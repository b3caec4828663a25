package dev.wacalls.consent.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wacalls.consent.CallSlot;
import dev.wacalls.consent.ConsentPhase;
import dev.wacalls.consent.ConsentState;
import dev.wacalls.internal.Json;
import dev.wacalls.internal.JsonShapeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@link ConsentState} as the JSON text of the {@code state} column. Written by hand rather than by data binding, so
 * that renaming a Java field can never silently change what is stored. Instants are ISO-8601 strings (readable in a
 * SQL console, nanoseconds kept); absent fields read as in {@link ConsentState#initial()} and unknown fields are
 * ignored, so a later version may add fields while older instances still read the rows.
 */
final class ConsentStateJson {
    private static final String PATH = "state";

    private ConsentStateJson() {}

    static String write(ConsentState s) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("phase", s.phase().name());
        putInstant(root, "invitedAt", s.invitedAt());
        putInstant(root, "declinedInvitationAt", s.declinedInvitationAt());
        putInstant(root, "grantedAt", s.grantedAt());
        putInstant(root, "expiresAt", s.expiresAt());
        root.put("permanent", s.permanent());
        root.put("expiryReported", s.expiryReported());
        putInstant(root, "resetAt", s.resetAt());
        ArrayNode invitations = root.putArray("invitations");
        s.invitations().forEach(i -> invitations.add(i.toString()));
        root.put("consecutiveUnanswered", s.consecutiveUnanswered());
        if (s.invitationMessageId() != null) {
            root.put("invitationMessageId", s.invitationMessageId());
        }
        ArrayNode ended = root.putArray("endedCalls");
        s.endedCalls().forEach(ended::add);
        ArrayNode calls = root.putArray("calls");
        for (CallSlot c : s.calls()) {
            calls.addObject().put("callId", c.callId()).put("at", c.at().toString()).put("connected", c.connected());
        }
        putInstant(root, "inviteBlockedUntil", s.inviteBlockedUntil());
        putInstant(root, "callBlockedUntil", s.callBlockedUntil());
        // The column is authoritative; the copy here makes a row's text self-describing when read by hand.
        root.put("version", s.version());
        try {
            return Json.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a consent state", e);
        }
    }

    /**
     * Reads a stored state.
     *
     * @throws IllegalArgumentException when the text is not JSON, a field has the wrong type, or the phase is one
     *     this version does not know (guessing one could let the engine break a limit)
     */
    static ConsentState read(String text) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored consent state is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("stored consent state is not a JSON object");
        }
        try {
            ConsentState.Builder b = ConsentState.initial().toBuilder();
            String phase = Json.text(root, "phase", PATH);
            if (phase != null) {
                b.phase(phase(phase));
            }
            b.invitedAt(instant(root, "invitedAt"));
            b.declinedInvitationAt(instant(root, "declinedInvitationAt"));
            b.grantedAt(instant(root, "grantedAt"));
            b.expiresAt(instant(root, "expiresAt"));
            b.permanent(bool(root, "permanent"));
            b.expiryReported(bool(root, "expiryReported"));
            b.resetAt(instant(root, "resetAt"));
            List<Instant> invitations = new ArrayList<>();
            for (String i : Json.texts(root, "invitations", PATH)) {
                invitations.add(parseInstant(i, PATH + ".invitations"));
            }
            b.invitations(invitations);
            Long unanswered = Json.longValue(root, "consecutiveUnanswered", PATH);
            b.consecutiveUnanswered(unanswered == null ? 0 : Math.toIntExact(unanswered));
            List<CallSlot> calls = new ArrayList<>();
            List<JsonNode> callNodes = Json.array(root, "calls", PATH);
            for (int i = 0; i < callNodes.size(); i++) {
                String path = PATH + ".calls[" + i + "]";
                JsonNode c = callNodes.get(i);
                if (!c.isObject()) {
                    throw new JsonShapeException(path, "expected an object, got " + Json.kind(c));
                }
                String at = Json.requireText(c, "at", path);
                Boolean connected = Json.bool(c, "connected", path);
                calls.add(new CallSlot(Json.requireText(c, "callId", path), parseInstant(at, path + ".at"),
                        connected != null && connected));
            }
            b.calls(calls);
            b.endedCalls(Json.texts(root, "endedCalls", PATH));
            b.invitationMessageId(Json.text(root, "invitationMessageId", PATH));
            b.inviteBlockedUntil(instant(root, "inviteBlockedUntil"));
            b.callBlockedUntil(instant(root, "callBlockedUntil"));
            Long version = Json.longValue(root, "version", PATH);
            b.version(version == null ? 0 : version);
            return b.build();
        } catch (JsonShapeException | ArithmeticException e) {
            throw new IllegalArgumentException("stored consent state is malformed: " + e.getMessage(), e);
        }
    }

    private static ConsentPhase phase(String raw) {
        for (ConsentPhase p : ConsentPhase.values()) {
            if (p.name().equals(raw)) {
                return p;
            }
        }
        throw new JsonShapeException(PATH + ".phase", "unknown phase " + raw + " (written by a newer version?)");
    }

    private static void putInstant(ObjectNode node, String field, @Nullable Instant value) {
        // Absent rather than null: both read back as null, and rows stay short.
        if (value != null) {
            node.put(field, value.toString());
        }
    }

    private static @Nullable Instant instant(JsonNode node, String field) {
        String text = Json.text(node, field, PATH);
        return text == null ? null : parseInstant(text, PATH + "." + field);
    }

    private static Instant parseInstant(String text, String path) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new JsonShapeException(path, "expected an ISO-8601 instant, got '" + text + "'");
        }
    }

    private static boolean bool(JsonNode node, String field) {
        Boolean value = Json.bool(node, field, PATH);
        return value != null && value;
    }
}
