package dev.wacalls.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wacalls.error.MetaError;
import dev.wacalls.graph.CallIconVisibility;
import dev.wacalls.graph.FeatureStatus;
import dev.wacalls.graph.SrtpKeyExchange;
import dev.wacalls.id.Bsuid;
import dev.wacalls.id.CallId;
import dev.wacalls.id.MessageId;
import dev.wacalls.id.PhoneNumberId;
import dev.wacalls.id.WaId;
import dev.wacalls.id.WabaId;
import dev.wacalls.internal.Json;
import dev.wacalls.internal.JsonShapeException;
import dev.wacalls.internal.MetaErrors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/** Reads a parsed webhook envelope into typed events. One instance per batch. */
final class WebhookParser {
    private final boolean lenient;
    private final List<WebhookEvent> events = new ArrayList<>();

    private WebhookParser(boolean lenient) {
        this.lenient = lenient;
    }

    static WebhookBatch parse(JsonNode root, boolean lenient) {
        if (!root.isObject()) {
            throw new JsonShapeException("$", "expected a JSON object, got " + Json.kind(root));
        }
        String object = Json.text(root, "object", "$");
        JsonNode entries = root.get("entry");
        if (entries == null || !entries.isArray()) {
            throw new JsonShapeException("$.entry", "expected the entry[] array of a webhook");
        }
        WebhookParser parser = new WebhookParser(lenient);
        for (int i = 0; i < entries.size(); i++) {
            parser.entry(entries.get(i), "$.entry[" + i + "]");
        }
        return new WebhookBatch(object == null ? "" : object, parser.events);
    }

    private void entry(JsonNode entry, String path) {
        if (!entry.isObject()) {
            throw new JsonShapeException(path, "expected an object, got " + Json.kind(entry));
        }
        String id = Json.text(entry, "id", path);
        WabaId waba;
        try {
            waba = id == null || id.isEmpty() ? null : WabaId.of(id);
        } catch (IllegalArgumentException e) {
            throw new JsonShapeException(path + ".id", String.valueOf(e.getMessage()));
        }
        Instant entryTime = Json.epochSeconds(entry, "time", path);
        List<JsonNode> changes = Json.array(entry, "changes", path);
        for (int i = 0; i < changes.size(); i++) {
            String cp = path + ".changes[" + i + "]";
            JsonNode change = changes.get(i);
            if (!change.isObject()) {
                throw new JsonShapeException(cp, "expected an object, got " + Json.kind(change));
            }
            String field = Json.text(change, "field", cp);
            JsonNode value = Json.object(change, "value", cp);
            change(waba, entryTime, field == null ? "" : field, value, change, cp + ".value");
        }
    }

    private void change(@Nullable WabaId waba, @Nullable Instant entryTime, String field, JsonNode value, JsonNode change,
            String path) {
        JsonNode metadata = Json.object(value, "metadata", path);
        String pnid = Json.text(metadata, "phone_number_id", path + ".metadata");
        PhoneNumberId phoneNumberId;
        try {
            phoneNumberId = pnid == null || pnid.isEmpty() ? null : PhoneNumberId.of(pnid);
        } catch (IllegalArgumentException e) {
            throw new JsonShapeException(path + ".metadata.phone_number_id", String.valueOf(e.getMessage()));
        }
        EventContext ctx = new EventContext(
                waba,
                phoneNumberId,
                Json.text(metadata, "display_phone_number", path + ".metadata"),
                field);
        switch (field) {
            case "calls" -> item(ctx, change, path, () -> calls(ctx, value, path));
            case "messages" -> item(ctx, change, path, () -> messages(ctx, value, path));
            case "account_settings_update" -> item(ctx, change, path, () -> settings(ctx, entryTime, value, path));
            case "account_update" -> item(ctx, change, path, () -> accountUpdate(ctx, entryTime, value, path));
            default -> events.add(unknown(ctx, entryTime, field.isEmpty() ? "(no field)" : field, null, change));
        }
    }

    /** Runs one unit of parsing; in lenient mode a shape problem becomes an {@link Unknown} with the problem. */
    private void item(EventContext ctx, JsonNode raw, String path, Runnable work) {
        if (!lenient) {
            try {
                work.run();
            } catch (IllegalArgumentException e) {
                // An id that fails validation (a call id with a space, a phone number with letters) names its item.
                throw new JsonShapeException(path, String.valueOf(e.getMessage()));
            }
            return;
        }
        int mark = events.size();
        try {
            work.run();
        } catch (JsonShapeException | IllegalArgumentException e) {
            events.subList(mark, events.size()).clear();
            events.add(unknown(ctx, null, ctx.field(), e.getMessage(), raw));
        }
    }

    /**
     * Reads each object of an array field as its own item: in lenient mode a malformed one does not take its
     * neighbours with it.
     */
    private void eachItem(EventContext ctx, JsonNode parent, String field, String path,
            BiConsumer<JsonNode, String> work) {
        List<JsonNode> items = Json.array(parent, field, path);
        for (int i = 0; i < items.size(); i++) {
            JsonNode node = items.get(i);
            String itemPath = path + "." + field + "[" + i + "]";
            item(ctx, node, itemPath, () -> {
                requireObject(node, itemPath);
                work.accept(node, itemPath);
            });
        }
    }

    // ---- calls ---------------------------------------------------------------------------------------------

    private void calls(EventContext ctx, JsonNode value, String path) {
        Map<String, Contact> contacts = contacts(value, path);
        List<MetaError> valueErrors = errors(value, path);
        boolean[] errorsUsed = {false};
        eachItem(ctx, value, "calls", path, (call, cp) -> {
            String event = Json.text(call, "event", cp);
            String key = event == null ? "" : event.toLowerCase(Locale.ROOT);
            switch (key) {
                case "connect" -> events.add(connect(ctx, call, contacts, cp));
                case "terminate" -> {
                    List<MetaError> own = errors(call, cp);
                    events.add(terminate(ctx, call, contacts, own.isEmpty() ? valueErrors : own, cp));
                    errorsUsed[0] = true;
                }
                case "call_created", "created" -> events.add(created(ctx, call, contacts, cp));
                case "call_recording_available" -> events.add(recording(ctx, call, cp));
                case "call_transcription_available" -> events.add(transcription(ctx, call, cp));
                default -> events.add(unknown(ctx, Json.epochSeconds(call, "timestamp", cp),
                        "calls/" + (event == null ? "(no event)" : event), null, call));
            }
        });
        eachItem(ctx, value, "statuses", path, (st, sp) -> events.add(callStatus(ctx, st, sp)));
        if (!valueErrors.isEmpty() && !errorsUsed[0]) {
            events.add(unknown(ctx, null, "calls/errors", null, value.get("errors")));
        }
    }

    private CallConnect connect(EventContext ctx, JsonNode call, Map<String, Contact> contacts, String p) {
        CallDirection direction = direction(call, p);
        JsonNode session = Json.object(call, "session", p);
        String sdpType = Json.text(session, "sdp_type", p + ".session");
        String sdp = Json.text(session, "sdp", p + ".session");
        if (sdp == null) {
            // Legacy shape: connection.webrtc.sdp, sometimes itself a JSON-encoded {"sdp":…,"type":…}.
            JsonNode webrtc = Json.object(Json.object(call, "connection", p), "webrtc", p + ".connection");
            String legacy = Json.text(webrtc, "sdp", p + ".connection.webrtc");
            if (legacy != null && legacy.stripLeading().startsWith("{")) {
                try {
                    JsonNode inner = Json.parse(legacy.getBytes(StandardCharsets.UTF_8));
                    sdp = Json.text(inner, "sdp", p + ".connection.webrtc.sdp");
                    if (sdpType == null) {
                        sdpType = Json.text(inner, "type", p + ".connection.webrtc.sdp");
                    }
                } catch (java.io.IOException e) {
                    throw new JsonShapeException(p + ".connection.webrtc.sdp", "not an SDP nor JSON-encoded SDP");
                }
            } else {
                sdp = legacy;
            }
        }
        if (sdp == null || sdp.isBlank()) {
            throw new JsonShapeException(p + ".session.sdp", "a connect event without SDP");
        }
        if (sdpType == null) {
            sdpType = direction == CallDirection.BUSINESS_INITIATED ? "answer" : "offer";
        }
        return new CallConnect(ctx, callId(call, p), direction, callUser(call, direction, contacts, p),
                businessNumber(call, direction, p), Json.epochSeconds(call, "timestamp", p),
                sdpType.toLowerCase(Locale.ROOT), sdp, Json.text(call, "biz_opaque_callback_data", p),
                Json.text(call, "deeplink_payload", p), Json.text(call, "cta_payload", p));
    }

    private CallTerminate terminate(EventContext ctx, JsonNode call, Map<String, Contact> contacts, List<MetaError> errors,
            String p) {
        CallDirection direction = direction(call, p);
        Long duration = Json.longValue(call, "duration", p);
        return new CallTerminate(ctx, callId(call, p), direction, callUser(call, direction, contacts, p),
                businessNumber(call, direction, p), Json.epochSeconds(call, "timestamp", p),
                Json.enumValue(TerminateStatus.class, Json.text(call, "status", p), TerminateStatus.UNKNOWN),
                Json.epochSeconds(call, "start_time", p), Json.epochSeconds(call, "end_time", p),
                duration == null ? null : Duration.ofSeconds(Math.max(0, duration)), errors,
                Json.text(call, "biz_opaque_callback_data", p));
    }

    private CallCreated created(EventContext ctx, JsonNode call, Map<String, Contact> contacts, String p) {
        CallDirection direction = direction(call, p);
        return new CallCreated(ctx, callId(call, p), direction, callUser(call, direction, contacts, p),
                businessNumber(call, direction, p), Json.epochSeconds(call, "timestamp", p));
    }

    private CallRecordingAvailable recording(EventContext ctx, JsonNode call, String p) {
        JsonNode rec = Json.object(call, "call_recording", p);
        JsonNode audio = Json.object(rec, "audio", p + ".call_recording");
        return new CallRecordingAvailable(ctx, callId(call, p), Json.epochSeconds(call, "timestamp", p),
                media(audio, p + ".call_recording.audio"));
    }

    private CallTranscriptionAvailable transcription(EventContext ctx, JsonNode call, String p) {
        JsonNode tr = Json.object(call, "call_transcript", p);
        if (tr.isMissingNode()) {
            tr = Json.object(call, "call_transcription", p);
        }
        JsonNode doc = Json.object(tr, "document", p + ".call_transcript");
        return new CallTranscriptionAvailable(ctx, callId(call, p), Json.epochSeconds(call, "timestamp", p),
                media(doc, p + ".call_transcript.document"));
    }

    private static MediaFile media(JsonNode m, String p) {
        if (m.isMissingNode()) {
            throw new JsonShapeException(p, "is missing");
        }
        return new MediaFile(Json.requireText(m, "id", p), Json.text(m, "sha256", p), Json.text(m, "mime_type", p),
                Json.text(m, "url", p));
    }

    private CallStatusUpdate callStatus(EventContext ctx, JsonNode s, String p) {
        String raw = Json.requireText(s, "status", p);
        UserIdentity recipient = recipient(s, p);
        return new CallStatusUpdate(ctx, callId(s, p),
                Json.enumValue(CallStatus.class, raw, CallStatus.UNKNOWN), raw, recipient,
                Json.epochSeconds(s, "timestamp", p), Json.text(s, "biz_opaque_callback_data", p));
    }

    /** The user a status is about: phone number and, for users with a username, the business-scoped ids. */
    private static UserIdentity recipient(JsonNode status, String p) {
        return new UserIdentity(
                waId(Json.text(status, "recipient_id", p)),
                bsuid(Json.text(status, "recipient_user_id", p)),
                bsuid(Json.text(status, "recipient_parent_user_id", p)),
                null, null);
    }

    private static CallDirection direction(JsonNode call, String p) {
        return Json.enumValue(CallDirection.class, Json.text(call, "direction", p), CallDirection.UNKNOWN);
    }

    private static CallId callId(JsonNode node, String p) {
        return CallId.of(Json.requireText(node, "id", p));
    }

    /** The user is "from" on user-initiated calls and "to" on business-initiated ones. */
    private static UserIdentity callUser(JsonNode call, CallDirection direction, Map<String, Contact> contacts, String p) {
        String side = direction == CallDirection.BUSINESS_INITIATED ? "to" : "from";
        WaId wa = waId(Json.text(call, side, p));
        Bsuid user = bsuid(Json.text(call, side + "_user_id", p));
        Bsuid parent = bsuid(Json.text(call, side + "_parent_user_id", p));
        Contact c = contacts.get(wa != null ? wa.value() : user != null ? user.value() : "");
        if (c == null && contacts.size() == 1) {
            c = contacts.values().iterator().next();
        }
        if (c == null) {
            return new UserIdentity(wa, user, parent, null, null);
        }
        return new UserIdentity(wa != null ? wa : c.waId, user != null ? user : c.userId,
                parent != null ? parent : c.parentUserId, c.name, c.username);
    }

    private static @Nullable String businessNumber(JsonNode call, CallDirection direction, String p) {
        return Json.text(call, direction == CallDirection.BUSINESS_INITIATED ? "from" : "to", p);
    }

    // ---- messages ------------------------------------------------------------------------------------------

    private void messages(EventContext ctx, JsonNode value, String path) {
        Map<String, Contact> contacts = contacts(value, path);
        eachItem(ctx, value, "messages", path, (m, mp) -> {
            JsonNode interactive = Json.object(m, "interactive", mp);
            String itype = Json.text(interactive, "type", mp + ".interactive");
            if ("call_permission_reply".equalsIgnoreCase(itype)) {
                events.add(permissionReply(ctx, m, interactive, contacts, mp));
            } else {
                String type = Json.text(m, "type", mp);
                events.add(unknown(ctx, Json.epochSeconds(m, "timestamp", mp),
                        "messages/" + (type == null ? "(no type)" : type), null, m));
            }
        });
        eachItem(ctx, value, "statuses", path, (st, sp) -> events.add("call".equalsIgnoreCase(Json.text(st, "type", sp))
                ? callStatus(ctx, st, sp)
                : messageStatus(ctx, st, sp)));
        if (value.has("errors")) {
            events.add(unknown(ctx, null, "messages/errors", null, value.get("errors")));
        }
    }

    private CallPermissionReply permissionReply(EventContext ctx, JsonNode m, JsonNode interactive,
            Map<String, Contact> contacts, String p) {
        String rp = p + ".interactive.call_permission_reply";
        JsonNode reply = Json.object(interactive, "call_permission_reply", p + ".interactive");
        if (reply.isMissingNode()) {
            throw new JsonShapeException(rp, "is missing");
        }
        WaId wa = waId(Json.text(m, "from", p));
        Bsuid user = bsuid(Json.text(m, "from_user_id", p));
        Bsuid parent = bsuid(Json.text(m, "from_parent_user_id", p));
        Contact c = contacts.get(wa != null ? wa.value() : user != null ? user.value() : "");
        UserIdentity identity = new UserIdentity(wa, user, parent, c == null ? null : c.name, c == null ? null : c.username);
        JsonNode context = Json.object(m, "context", p);
        String contextId = Json.text(context, "id", p + ".context");
        MessageId contextMessage = null;
        CallId contextCall = null;
        if (contextId != null && !contextId.isEmpty()) {
            if (contextId.startsWith("wacid.")) {
                contextCall = CallId.of(contextId);
            } else {
                contextMessage = MessageId.of(contextId);
            }
        }
        Boolean permanent = Json.bool(reply, "is_permanent", rp);
        return new CallPermissionReply(ctx, MessageId.of(Json.requireText(m, "id", p)), identity,
                Json.epochSeconds(m, "timestamp", p),
                Json.enumValue(PermissionResponse.class, Json.text(reply, "response", rp), PermissionResponse.UNKNOWN),
                Boolean.TRUE.equals(permanent), Json.epochSeconds(reply, "expiration_timestamp", rp),
                Json.enumValue(ResponseSource.class, Json.text(reply, "response_source", rp), ResponseSource.UNKNOWN),
                contextMessage, contextCall);
    }

    private MessageStatusUpdate messageStatus(EventContext ctx, JsonNode s, String p) {
        String raw = Json.requireText(s, "status", p);
        UserIdentity recipient = recipient(s, p);
        return new MessageStatusUpdate(ctx, MessageId.of(Json.requireText(s, "id", p)),
                Json.enumValue(MessageStatus.class, raw, MessageStatus.UNKNOWN), raw, recipient,
                Json.epochSeconds(s, "timestamp", p), errors(s, p));
    }

    // ---- account -------------------------------------------------------------------------------------------

    private void settings(EventContext ctx, @Nullable Instant entryTime, JsonNode value, String p) {
        JsonNode pns = Json.object(value, "phone_number_settings", p);
        JsonNode holder = pns.isMissingNode() ? value : pns;
        String hp = pns.isMissingNode() ? p : p + ".phone_number_settings";
        String pnid = Json.text(holder, "phone_number_id", hp);
        JsonNode calling = Json.object(holder, "calling", hp);
        String cp = hp + ".calling";
        JsonNode sip = Json.object(calling, "sip", cp);
        String srtp = Json.text(calling, "srtp_key_exchange_protocol", cp);
        Instant at = timestampOr(value, entryTime, p);
        events.add(new AccountSettingsUpdate(ctx, contentKey(ctx, value, at), at,
                pnid == null || pnid.isEmpty() ? ctx.phoneNumberId() : PhoneNumberId.of(pnid),
                optionalEnum(FeatureStatus.class, Json.text(calling, "status", cp), FeatureStatus.UNKNOWN),
                optionalEnum(CallIconVisibility.class, Json.text(calling, "call_icon_visibility", cp),
                        CallIconVisibility.UNKNOWN),
                optionalEnum(FeatureStatus.class, Json.text(calling, "callback_permission_status", cp),
                        FeatureStatus.UNKNOWN),
                optionalEnum(FeatureStatus.class, Json.text(sip, "status", cp + ".sip"), FeatureStatus.UNKNOWN),
                optionalEnum(SrtpKeyExchange.class, srtp, SrtpKeyExchange.UNKNOWN),
                calling));
    }

    private void accountUpdate(EventContext ctx, @Nullable Instant entryTime, JsonNode value, String p) {
        String event = Json.text(value, "event", p);
        Instant at = timestampOr(value, entryTime, p);
        if ("ACCOUNT_VIOLATION".equalsIgnoreCase(event)) {
            JsonNode info = Json.object(value, "violation_info", p);
            events.add(new AccountViolation(ctx, contentKey(ctx, value, at), at,
                    Json.requireText(info, "violation_type", p + ".violation_info")));
        } else if ("ACCOUNT_RESTRICTION".equalsIgnoreCase(event)) {
            List<AccountRestriction.Restriction> list = new ArrayList<>();
            List<JsonNode> infos = Json.array(value, "restriction_info", p);
            for (int i = 0; i < infos.size(); i++) {
                String ip = p + ".restriction_info[" + i + "]";
                JsonNode r = infos.get(i);
                requireObject(r, ip);
                list.add(new AccountRestriction.Restriction(
                        Json.requireText(r, "restriction_type", ip), Json.epochSeconds(r, "expiration", ip)));
            }
            events.add(new AccountRestriction(ctx, contentKey(ctx, value, at), at, list));
        } else {
            events.add(unknown(ctx, at, "account_update/" + (event == null ? "(no event)" : event), null, value));
        }
    }

    private static @Nullable Instant timestampOr(JsonNode value, @Nullable Instant fallback, String p) {
        Instant at = Json.epochSeconds(value, "timestamp", p);
        return at != null ? at : fallback;
    }

    // ---- shared pieces -------------------------------------------------------------------------------------

    private record Contact(@Nullable WaId waId, @Nullable Bsuid userId, @Nullable Bsuid parentUserId,
            @Nullable String name, @Nullable String username) {}

    private static Map<String, Contact> contacts(JsonNode value, String path) {
        Map<String, Contact> out = new HashMap<>();
        List<JsonNode> contacts = Json.array(value, "contacts", path);
        for (int i = 0; i < contacts.size(); i++) {
            JsonNode c = contacts.get(i);
            String cp = path + ".contacts[" + i + "]";
            requireObject(c, cp);
            JsonNode profile = Json.object(c, "profile", cp);
            Contact contact = new Contact(waId(Json.text(c, "wa_id", cp)), bsuid(Json.text(c, "user_id", cp)),
                    bsuid(Json.text(c, "parent_user_id", cp)), Json.text(profile, "name", cp + ".profile"),
                    Json.text(profile, "username", cp + ".profile"));
            if (contact.waId != null) {
                out.put(contact.waId.value(), contact);
            }
            if (contact.userId != null) {
                out.put(contact.userId.value(), contact);
            }
        }
        return out;
    }

    private static List<MetaError> errors(JsonNode node, String path) {
        List<JsonNode> nodes = Json.array(node, "errors", path);
        List<MetaError> out = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode e = nodes.get(i);
            String ep = path + ".errors[" + i + "]";
            requireObject(e, ep);
            out.add(MetaErrors.parse(e, ep));
        }
        return out;
    }

    private static void requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new JsonShapeException(path, "expected an object, got " + Json.kind(node));
        }
    }

    private static @Nullable WaId waId(@Nullable String value) {
        return value == null || value.isEmpty() ? null : WaId.of(value);
    }

    private static @Nullable Bsuid bsuid(@Nullable String value) {
        return value == null || value.isEmpty() ? null : Bsuid.of(value);
    }

    private static <E extends Enum<E>> @Nullable E optionalEnum(Class<E> type, @Nullable String raw, E unknown) {
        return raw == null ? null : Json.enumValue(type, raw, unknown);
    }

    private static Unknown unknown(EventContext ctx, @Nullable Instant at, String kind, @Nullable String problem,
            @Nullable JsonNode raw) {
        JsonNode node = raw == null ? Json.MAPPER.nullNode() : raw;
        return new Unknown(ctx, contentKey(ctx, node, at), at, kind, problem, node);
    }

    /**
     * {@link #contentKey(EventContext, JsonNode)} plus the time: the same content sent at another time (a setting
     * switched back, a violation reported again, where only {@code entry.time} differs) is another event.
     */
    static String contentKey(EventContext ctx, JsonNode content, @Nullable Instant at) {
        return contentKey(ctx, content) + (at == null ? "" : ":" + at.getEpochSecond());
    }

    /** A key for events without an id of their own: the field plus a hash of the content Meta sent. */
    static String contentKey(EventContext ctx, JsonNode content) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(Json.write(content));
            return ctx.field() + ":" + (ctx.wabaId() == null ? "" : ctx.wabaId().value()) + ":"
                    + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
