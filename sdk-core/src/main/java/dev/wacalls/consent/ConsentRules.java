package dev.wacalls.consent;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The decisions as pure functions of a state, an instant and the policy. Boundaries: a window or permission that
 * ends at T no longer applies at T itself, so every {@code changesAt} is the first instant of the new answer.
 */
final class ConsentRules {
    private ConsentRules() {}

    static Decision invite(ConsentState s, Instant now, ConsentPolicy p) {
        if (s.phase() == ConsentPhase.GRANTED && s.permanent()) {
            return new Decision.Denied(DenialReason.PERMANENT_PERMISSION,
                    "Permanent call permission — no invitation needed", null);
        }
        if (s.phase() == ConsentPhase.GRANTED && s.expiresAt() != null && now.isBefore(s.expiresAt())) {
            return new Decision.Denied(DenialReason.PERMISSION_ACTIVE,
                    "Call permission active until " + s.expiresAt(), s.expiresAt());
        }
        if (s.phase() == ConsentPhase.WAITING && s.invitedAt() != null) {
            Instant expires = s.invitedAt().plus(p.invitationReplyWindow());
            if (now.isBefore(expires)) {
                return new Decision.Denied(DenialReason.WAITING_FOR_REPLY, "Waiting for reply", expires);
            }
        }
        if (s.phase() == ConsentPhase.DECLINED && s.declinedInvitationAt() != null) {
            Instant again = s.declinedInvitationAt().plus(p.declineCooldown());
            if (now.isBefore(again)) {
                return new Decision.Denied(DenialReason.INVITATION_DECLINED,
                        "Invitation declined — can invite again at " + again, again);
            }
        }
        if (s.inviteBlockedUntil() != null && now.isBefore(s.inviteBlockedUntil())) {
            return new Decision.Denied(DenialReason.INVITE_LIMIT_BY_META,
                    "Invite limit reached on WhatsApp — next at " + s.inviteBlockedUntil(), s.inviteBlockedUntil());
        }
        Instant dayFree = freeAt(s.invitations(), now, ConsentPolicy.DAY, p.maxInvitationsPerDay());
        if (dayFree != null) {
            return new Decision.Denied(DenialReason.DAILY_INVITE_LIMIT, "Daily invite limit — next at " + dayFree,
                    dayFree);
        }
        Instant weekFree = freeAt(s.invitations(), now, ConsentPolicy.WEEK, p.maxInvitationsPerWeek());
        if (weekFree != null) {
            return new Decision.Denied(DenialReason.WEEKLY_INVITE_LIMIT, "Weekly invite limit — next at " + weekFree,
                    weekFree);
        }
        return Decision.Allowed.PLAIN;
    }

    /** Whether the candidate may be called, before the organisation's limit is considered. */
    static Decision call(ConsentState s, Instant now, ConsentPolicy p) {
        switch (s.phase()) {
            case NONE -> {
                return new Decision.Denied(DenialReason.NO_PERMISSION,
                        "No call permission — invite the candidate first", null);
            }
            case WAITING -> {
                Instant expires = s.invitedAt() == null ? now : s.invitedAt().plus(p.invitationReplyWindow());
                if (now.isBefore(expires)) {
                    return new Decision.Denied(DenialReason.WAITING_FOR_REPLY, "Waiting for reply", expires);
                }
                return new Decision.Denied(DenialReason.INVITATION_EXPIRED, "Invitation expired — invite again", null);
            }
            case DECLINED -> {
                Instant again = s.declinedInvitationAt() == null ? now : s.declinedInvitationAt().plus(p.declineCooldown());
                if (!again.isAfter(now)) {
                    return new Decision.Denied(DenialReason.INVITATION_DECLINED, "Invitation declined — invite again",
                            null);
                }
                return new Decision.Denied(DenialReason.INVITATION_DECLINED,
                        "Invitation declined — can invite again at " + again, again);
            }
            case RESET -> {
                return new Decision.Denied(DenialReason.RESET_AFTER_UNANSWERED,
                        "Invitation reset after unanswered calls — invite again", null);
            }
            case GRANTED -> {
                if (!s.permanent() && (s.expiresAt() == null || !now.isBefore(s.expiresAt()))) {
                    return new Decision.Denied(DenialReason.PERMISSION_EXPIRED,
                            "Call permission expired — invite again", null);
                }
            }
        }
        if (s.callBlockedUntil() != null && now.isBefore(s.callBlockedUntil())) {
            return new Decision.Denied(DenialReason.CANDIDATE_DAILY_CALL_LIMIT,
                    "Daily call limit — resets at " + s.callBlockedUntil(), s.callBlockedUntil());
        }
        int counted = 0;
        Instant firstFree = null;
        for (CallSlot c : s.calls()) {
            Instant end = countsUntil(c, p);
            if (now.isBefore(end)) {
                counted++;
                firstFree = firstFree == null || end.isBefore(firstFree) ? end : firstFree;
            }
        }
        if (counted >= p.maxCallsPerCandidatePerDay()) {
            return new Decision.Denied(DenialReason.CANDIDATE_DAILY_CALL_LIMIT, "Daily call limit — resets at " + firstFree,
                    firstFree);
        }
        return Decision.Allowed.PLAIN;
    }

    /** A connected call counts for a day; a reservation only until its outcome should have been known. */
    static Instant countsUntil(CallSlot c, ConsentPolicy p) {
        return c.at().plus(c.connected() ? ConsentPolicy.DAY : p.callReservation());
    }

    /** Whether the organisation's daily call limit is reached (when it frees up needs the log: see the engine). */
    static boolean organizationAtLimit(OrganizationCalls org, ConsentPolicy p) {
        return org.count() >= p.maxCallsPerOrganizationPerDay();
    }

    /**
     * When a rolling window of {@code window} holding at most {@code max} events admits one more, or null when it
     * admits one now.
     */
    static @Nullable Instant freeAt(List<Instant> events, Instant now, java.time.Duration window, int max) {
        Instant from = now.minus(window);
        List<Instant> inWindow = events.stream().filter(t -> t.isAfter(from)).sorted().toList();
        if (inWindow.size() < max) {
            return null;
        }
        // The (size-max+1)-th oldest must leave the window for one more to fit.
        return inWindow.get(inWindow.size() - max).plus(window);
    }

    static boolean permissionExpired(ConsentState s, Instant now) {
        return s.phase() == ConsentPhase.GRANTED && !s.permanent() && s.expiresAt() != null
                && !now.isBefore(s.expiresAt());
    }
}
