package dev.wacalls.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wacalls.error.UnexpectedResponseException;
import dev.wacalls.graph.internal.GraphTransport.Safety;
import dev.wacalls.id.CallId;
import dev.wacalls.internal.Json;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Call control on {@code POST /{phone-number-id}/calls}. Obtained from {@link WhatsAppCallingClient#calls()}.
 *
 * <p>Business-initiated: {@link #connect}, then apply Meta's SDP answer from the connect webhook at once.
 * User-initiated: on the connect webhook, {@link #preAccept} (optional, starts ICE/DTLS early), then
 * {@link #accept} with the same SDP answer, or {@link #reject}. Either direction: {@link #terminate}.
 *
 * <pre>{@code
 * CallId id = client.calls().connect(ConnectCallRequest.to(WaId.of("447700900123"), offer).build());
 * // … later
 * client.calls().terminate(id);
 * }</pre>
 */
public final class CallsApi {
    private final WhatsAppCallingClient client;

    CallsApi(WhatsAppCallingClient client) {
        this.client = client;
    }

    /** Places a call. Never retried after the request may have reached Meta: a duplicate call is worse. */
    public CallId connect(ConnectCallRequest request) {
        return connect(request, RequestOptions.none());
    }

    public CallId connect(ConnectCallRequest request, RequestOptions options) {
        Objects.requireNonNull(request, "request");
        ObjectNode body = base("connect");
        if (request.to() != null) {
            body.put("to", request.to().value());
        }
        if (request.recipient() != null) {
            body.put("recipient", request.recipient().value());
        }
        session(body, "offer", request.sdpOffer());
        callOptions(body, request.bizOpaqueCallbackData(), request.recording(), request.transcription());
        JsonNode response = post(options, body, Safety.CREATES);
        return WhatsAppCallingClient.read(response, r -> {
            List<JsonNode> calls = Json.array(r, "calls", "$");
            if (calls.isEmpty()) {
                throw new IllegalArgumentException("no calls[] in the connect response");
            }
            return CallId.of(Json.requireText(calls.get(0), "id", "$.calls[0]"));
        });
    }

    /** Sends our SDP answer before accepting, so ICE and DTLS start while the caller hears "ringing". */
    public void preAccept(CallId callId, String sdpAnswer) {
        preAccept(callId, sdpAnswer, RequestOptions.none());
    }

    public void preAccept(CallId callId, String sdpAnswer, RequestOptions options) {
        ObjectNode body = base("pre_accept");
        body.put("call_id", Objects.requireNonNull(callId, "callId").value());
        session(body, "answer", Sdp.normalize(sdpAnswer, "SDP answer"));
        expectSuccess(post(options, body, Safety.REPEATABLE));
    }

    /** Accepts a user-initiated call. Start sending media after this returns. */
    public void accept(AcceptCallRequest request) {
        accept(request, RequestOptions.none());
    }

    public void accept(AcceptCallRequest request, RequestOptions options) {
        ObjectNode body = base("accept");
        body.put("call_id", request.callId().value());
        session(body, "answer", request.sdpAnswer());
        callOptions(body, request.bizOpaqueCallbackData(), request.recording(), request.transcription());
        expectSuccess(post(options, body, Safety.REPEATABLE));
    }

    /** Declines a user-initiated call. */
    public void reject(CallId callId) {
        reject(callId, RequestOptions.none());
    }

    public void reject(CallId callId, RequestOptions options) {
        ObjectNode body = base("reject");
        body.put("call_id", Objects.requireNonNull(callId, "callId").value());
        expectSuccess(post(options, body, Safety.REPEATABLE));
    }

    /** Ends a call in either direction. Meta asks for this even after an RTCP BYE, for accurate billing. */
    public void terminate(CallId callId) {
        terminate(callId, RequestOptions.none());
    }

    public void terminate(CallId callId, RequestOptions options) {
        ObjectNode body = base("terminate");
        body.put("call_id", Objects.requireNonNull(callId, "callId").value());
        expectSuccess(post(options, body, Safety.REPEATABLE));
    }

    private JsonNode post(RequestOptions options, ObjectNode body, Safety safety) {
        RequestOptions o = client.resolve(options);
        return client.post(o, List.of(o.requirePhoneNumberId().value(), "calls"), body, safety);
    }

    private static ObjectNode base(String action) {
        ObjectNode body = WhatsAppCallingClient.newObject();
        body.put("messaging_product", "whatsapp");
        body.put("action", action);
        return body;
    }

    /** What connect and accept share: the opaque data echoed in webhooks and Meta's own recording opt-ins. */
    private static void callOptions(ObjectNode body, @Nullable String opaque, @Nullable MetaCallFeature recording,
            @Nullable MetaCallFeature transcription) {
        if (opaque != null) {
            body.put("biz_opaque_callback_data", opaque);
        }
        if (recording != null) {
            body.set("recording", recording.toJson());
        }
        if (transcription != null) {
            body.set("transcription", transcription.toJson());
        }
    }

    private static void session(ObjectNode body, String type, String sdp) {
        ObjectNode session = body.putObject("session");
        session.put("sdp_type", type);
        session.put("sdp", sdp);
    }

    static void expectSuccess(JsonNode response) {
        JsonNode success = response.get("success");
        if (success == null || !(success.asBoolean(false) || "true".equalsIgnoreCase(success.asText()))) {
            throw new UnexpectedResponseException("Meta did not confirm success", 200, response.toString());
        }
    }
}
