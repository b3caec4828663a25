package dev.wacalls.graph;

import dev.wacalls.id.Bsuid;
import dev.wacalls.id.UserRef;
import dev.wacalls.id.WaId;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A business-initiated call: who to call and our SDP offer. The user must have granted call permission.
 *
 * <pre>{@code
 * ConnectCallRequest request = ConnectCallRequest.to(WaId.of("447700900123"), sdpOffer)
 *         .bizOpaqueCallbackData("candidate-42")
 *         .build();
 * }</pre>
 *
 * @param to the user's phone number; wins over {@code recipient} at Meta if both are given
 * @param recipient the user's BSUID (or parent BSUID)
 * @param sdpOffer an RFC 8866 SDP offer; sent with CRLF line endings
 * @param bizOpaqueCallbackData up to 512 characters, echoed back in the status and terminate webhooks
 * @param recording Meta-native recording opt-in, if any
 * @param transcription Meta-native transcription opt-in, if any
 */
public record ConnectCallRequest(
        @Nullable WaId to,
        @Nullable Bsuid recipient,
        String sdpOffer,
        @Nullable String bizOpaqueCallbackData,
        @Nullable MetaCallFeature recording,
        @Nullable MetaCallFeature transcription) {

    public static final int MAX_OPAQUE_DATA_LENGTH = 512;

    public ConnectCallRequest {
        if (to == null && recipient == null) {
            throw new IllegalArgumentException("a call needs a recipient: a phone number (to) or a BSUID (recipient)");
        }
        sdpOffer = Sdp.normalize(sdpOffer, "SDP offer");
        checkOpaque(bizOpaqueCallbackData);
    }

    static void checkOpaque(@Nullable String data) {
        if (data != null && data.length() > MAX_OPAQUE_DATA_LENGTH) {
            throw new IllegalArgumentException(
                    "biz_opaque_callback_data is longer than " + MAX_OPAQUE_DATA_LENGTH + " characters");
        }
    }

    /** Starts a request to a phone number or a BSUID. */
    public static Builder to(UserRef user, String sdpOffer) {
        Builder b = new Builder(sdpOffer);
        if (user instanceof WaId w) {
            b.to = w;
        } else {
            b.recipient = (Bsuid) user;
        }
        return b;
    }

    public Optional<String> opaqueData() {
        return Optional.ofNullable(bizOpaqueCallbackData);
    }

    /** Builds a {@link ConnectCallRequest}. */
    public static final class Builder {
        private @Nullable WaId to;
        private @Nullable Bsuid recipient;
        private final String sdpOffer;
        private @Nullable String opaque;
        private @Nullable MetaCallFeature recording;
        private @Nullable MetaCallFeature transcription;

        private Builder(String sdpOffer) {
            this.sdpOffer = Objects.requireNonNull(sdpOffer, "sdpOffer");
        }

        /** Adds a BSUID next to the phone number (Meta uses the phone number when both are given). */
        public Builder recipient(Bsuid recipient) {
            this.recipient = recipient;
            return this;
        }

        public Builder bizOpaqueCallbackData(String data) {
            this.opaque = data;
            return this;
        }

        public Builder recording(MetaCallFeature recording) {
            this.recording = recording;
            return this;
        }

        public Builder transcription(MetaCallFeature transcription) {
            this.transcription = transcription;
            return this;
        }

        public ConnectCallRequest build() {
            return new ConnectCallRequest(to, recipient, sdpOffer, opaque, recording, transcription);
        }
    }
}
