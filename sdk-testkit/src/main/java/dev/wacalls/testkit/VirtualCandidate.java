package dev.wacalls.testkit;

import dev.wacalls.id.WaId;
import java.time.Duration;
import java.util.Objects;

/**
 * How an emulated WhatsApp user behaves: what they answer to a call-permission request and to a call.
 *
 * <pre>{@code
 * VirtualCandidate alex = VirtualCandidate.of(WaId.of("447700900123"), "Alex")
 *         .onPermissionRequest(PermissionBehaviour.ACCEPT_TEMPORARY)
 *         .onCall(CallBehaviour.ANSWER);
 * }</pre>
 *
 * @param waId the user's phone number
 * @param name the profile name sent in webhooks
 * @param permission what they answer to a permission request
 * @param call what they do when called
 * @param ringFor how long the phone rings before they answer or decline
 */
public record VirtualCandidate(
        WaId waId, String name, PermissionBehaviour permission, CallBehaviour call, Duration ringFor) {

    public VirtualCandidate {
        Objects.requireNonNull(waId, "waId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(ringFor, "ringFor");
    }

    /** A candidate who grants a temporary permission and answers after 200 ms of ringing. */
    public static VirtualCandidate of(WaId waId, String name) {
        return new VirtualCandidate(waId, name, PermissionBehaviour.ACCEPT_TEMPORARY, CallBehaviour.ANSWER,
                Duration.ofMillis(200));
    }

    public VirtualCandidate onPermissionRequest(PermissionBehaviour behaviour) {
        return new VirtualCandidate(waId, name, behaviour, call, ringFor);
    }

    public VirtualCandidate onCall(CallBehaviour behaviour) {
        return new VirtualCandidate(waId, name, permission, behaviour, ringFor);
    }

    public VirtualCandidate ringingFor(Duration duration) {
        return new VirtualCandidate(waId, name, permission, call, duration);
    }

    /** The reply to a call-permission request. */
    public enum PermissionBehaviour {
        ACCEPT_TEMPORARY,
        ACCEPT_PERMANENT,
        REJECT,
        /** Never replies: the request stays unanswered. */
        IGNORE
    }

    /** What happens when the business calls. */
    public enum CallBehaviour {
        ANSWER,
        REJECT,
        /** Lets it ring; the call ends unanswered after the emulator's ring timeout. */
        IGNORE
    }
}
