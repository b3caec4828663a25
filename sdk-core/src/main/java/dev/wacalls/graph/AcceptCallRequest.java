package dev.wacalls.graph;

import dev.wacalls.id.CallId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Accepting a user-initiated call. The SDP answer must be the same one sent with {@code pre_accept} for this
 * call, if there was one; send media only after {@code accept} returns.
 *
 * <pre>{@code
 * client.calls().accept(AcceptCallRequest.of(callId, sdpAnswer).withOpaqueData("candidate-42"));
 * }</pre>
 *
 * @param callId the call from the connect webhook
 * @param sdpAnswer our RFC 8866 SDP answer, sent with CRLF line endings
 * @param bizOpaqueCallbackData up to 512 characters, echoed back in later webhooks
 * @param recording Meta-native recording opt-in, if any
 * @param transcription Meta-native transcription opt-in, if any
 */
public record AcceptCallRequest(
        CallId callId,
        String sdpAnswer,
        @Nullable String bizOpaqueCallbackData,
        @Nullable MetaCallFeature recording,
        @Nullable MetaCallFeature transcription) {

    public AcceptCallRequest {
        Objects.requireNonNull(callId, "callId");
        sdpAnswer = Sdp.normalize(sdpAnswer, "SDP answer");
        ConnectCallRequest.checkOpaque(bizOpaqueCallbackData);
    }

    public static AcceptCallRequest of(CallId callId, String sdpAnswer) {
        return new AcceptCallRequest(callId, sdpAnswer, null, null, null);
    }

    public AcceptCallRequest withOpaqueData(String data) {
        return new AcceptCallRequest(callId, sdpAnswer, data, recording, transcription);
    }

    public AcceptCallRequest withRecording(MetaCallFeature recording) {
        return new AcceptCallRequest(callId, sdpAnswer, bizOpaqueCallbackData, recording, transcription);
    }

    public AcceptCallRequest withTranscription(MetaCallFeature transcription) {
        return new AcceptCallRequest(callId, sdpAnswer, bizOpaqueCallbackData, recording, transcription);
    }
}
