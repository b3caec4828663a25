package dev.wacalls.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the engine knows about one candidate on one line. Immutable; stores persist it whole (the JDBC store as
 * JSON). Windows are kept as lists of instants and pruned as they roll.
 *
 * @param phase where consent stands
 * @param invitedAt when the last invitation was sent
 * @param declinedInvitationAt when the declined invitation had been sent (the decline cool-down counts from it)
 * @param grantedAt when permission was granted
 * @param expiresAt when a temporary permission ends; null for permanent or none
 * @param permanent whether the permission is permanent
 * @param expiryReported whether the expiry of the current permission was already put on the timeline
 * @param resetAt when the permission was reset
 * @param invitations invitations sent in the last 7 days (Meta's counters; a connected call clears them)
 * @param consecutiveUnanswered business calls in a row that were not answered
 * @param calls business-initiated calls of the last 24 h, reserved or connected
 * @param inviteBlockedUntil Meta refused invitations (138009, or GET call_permissions) until then
 * @param callBlockedUntil Meta refused calls (138012, or GET call_permissions) until then
 * @param endedCalls ids of the latest calls whose end was applied, so that a webhook Meta sends twice counts once
 * @param invitationMessageId the wamid of the last permission request, to match its delivery status
 * @param version incremented on every save; stores may use it for optimistic checks
 */
public record ConsentState(
        ConsentPhase phase,
        @Nullable Instant invitedAt,
        @Nullable Instant declinedInvitationAt,
        @Nullable Instant grantedAt,
        @Nullable Instant expiresAt,
        boolean permanent,
        boolean expiryReported,
        @Nullable Instant resetAt,
        List<Instant> invitations,
        int consecutiveUnanswered,
        List<CallSlot> calls,
        @Nullable Instant inviteBlockedUntil,
        @Nullable Instant callBlockedUntil,
        List<String> endedCalls,
        @Nullable String invitationMessageId,
        long version) {

    public ConsentState {
        Objects.requireNonNull(phase, "phase");
        invitations = List.copyOf(invitations);
        calls = List.copyOf(calls);
        endedCalls = List.copyOf(endedCalls);
    }

    /** A candidate the engine has never seen. */
    public static ConsentState initial() {
        return new ConsentState(ConsentPhase.NONE, null, null, null, null, false, false, null, List.of(), 0, List.of(),
                null, null, List.of(), null, 0);
    }

    /** A mutable copy, to derive the next state. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Derives a state field by field. */
    public static final class Builder {
        ConsentPhase phase;
        @Nullable Instant invitedAt;
        @Nullable Instant declinedInvitationAt;
        @Nullable Instant grantedAt;
        @Nullable Instant expiresAt;
        boolean permanent;
        boolean expiryReported;
        @Nullable Instant resetAt;
        List<Instant> invitations;
        int consecutiveUnanswered;
        List<CallSlot> calls;
        @Nullable Instant inviteBlockedUntil;
        @Nullable Instant callBlockedUntil;
        List<String> endedCalls;
        @Nullable String invitationMessageId;
        long version;

        private Builder(ConsentState s) {
            phase = s.phase;
            invitedAt = s.invitedAt;
            declinedInvitationAt = s.declinedInvitationAt;
            grantedAt = s.grantedAt;
            expiresAt = s.expiresAt;
            permanent = s.permanent;
            expiryReported = s.expiryReported;
            resetAt = s.resetAt;
            invitations = new ArrayList<>(s.invitations);
            consecutiveUnanswered = s.consecutiveUnanswered;
            calls = new ArrayList<>(s.calls);
            inviteBlockedUntil = s.inviteBlockedUntil;
            callBlockedUntil = s.callBlockedUntil;
            endedCalls = new ArrayList<>(s.endedCalls);
            invitationMessageId = s.invitationMessageId;
            version = s.version;
        }

        public Builder phase(ConsentPhase v) { phase = v; return this; }
        public Builder invitedAt(@Nullable Instant v) { invitedAt = v; return this; }
        public Builder declinedInvitationAt(@Nullable Instant v) { declinedInvitationAt = v; return this; }
        public Builder grantedAt(@Nullable Instant v) { grantedAt = v; return this; }
        public Builder expiresAt(@Nullable Instant v) { expiresAt = v; return this; }
        public Builder permanent(boolean v) { permanent = v; return this; }
        public Builder expiryReported(boolean v) { expiryReported = v; return this; }
        public Builder resetAt(@Nullable Instant v) { resetAt = v; return this; }
        public Builder invitations(List<Instant> v) { invitations = new ArrayList<>(v); return this; }
        public Builder consecutiveUnanswered(int v) { consecutiveUnanswered = v; return this; }
        public Builder calls(List<CallSlot> v) { calls = new ArrayList<>(v); return this; }
        public Builder inviteBlockedUntil(@Nullable Instant v) { inviteBlockedUntil = v; return this; }
        public Builder callBlockedUntil(@Nullable Instant v) { callBlockedUntil = v; return this; }
        public Builder endedCalls(List<String> v) { endedCalls = new ArrayList<>(v); return this; }
        public Builder invitationMessageId(@Nullable String v) { invitationMessageId = v; return this; }
        public Builder version(long v) { version = v; return this; }

        public ConsentState build() {
            return new ConsentState(phase, invitedAt, declinedInvitationAt, grantedAt, expiresAt, permanent,
                    expiryReported, resetAt, invitations, consecutiveUnanswered, calls, inviteBlockedUntil,
                    callBlockedUntil, endedCalls, invitationMessageId, version);
        }
    }
}
