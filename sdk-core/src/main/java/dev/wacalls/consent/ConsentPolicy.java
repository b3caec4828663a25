package dev.wacalls.consent;

import java.time.Duration;
import java.util.Objects;

/**
 * The rules the engine applies. {@link #defaults()} are WhatsApp's limits and the product's rules; tests and
 * stricter organisations may tighten them.
 *
 * <pre>{@code ConsentPolicy strict = ConsentPolicy.defaults().withMaxCallsPerOrganizationPerDay(500);}</pre>
 *
 * @param invitationReplyWindow an unanswered invitation expires after this (24 h)
 * @param declineCooldown after a decline, a new invitation may be sent this long after the declined one (24 h)
 * @param maxInvitationsPerDay Meta: 1 request per 24 h
 * @param maxInvitationsPerWeek Meta: 2 requests per rolling 7 days
 * @param temporaryPermission a temporary approval lasts this long (7 days); permanent never expires
 * @param maxConsecutiveUnanswered this many unanswered calls in a row reset the permission (4)
 * @param maxCallsPerCandidatePerDay connected business-initiated calls per candidate per rolling 24 h (100)
 * @param maxCallsPerOrganizationPerDay connected calls per organisation per rolling 24 h (10,000)
 * @param callReservation a call placed but not yet answered counts against the limits this long (10 min), so
 *     concurrent callers cannot overshoot; its outcome normally arrives within a minute
 */
public record ConsentPolicy(
        Duration invitationReplyWindow,
        Duration declineCooldown,
        int maxInvitationsPerDay,
        int maxInvitationsPerWeek,
        Duration temporaryPermission,
        int maxConsecutiveUnanswered,
        int maxCallsPerCandidatePerDay,
        int maxCallsPerOrganizationPerDay,
        Duration callReservation) {

    public static final Duration DAY = Duration.ofHours(24);
    public static final Duration WEEK = Duration.ofDays(7);

    public ConsentPolicy {
        Objects.requireNonNull(invitationReplyWindow);
        Objects.requireNonNull(declineCooldown);
        Objects.requireNonNull(temporaryPermission);
        Objects.requireNonNull(callReservation);
        if (maxInvitationsPerDay < 1 || maxInvitationsPerWeek < 1 || maxConsecutiveUnanswered < 1
                || maxCallsPerCandidatePerDay < 1 || maxCallsPerOrganizationPerDay < 1) {
            throw new IllegalArgumentException("limits must be at least 1");
        }
    }

    public static ConsentPolicy defaults() {
        return new ConsentPolicy(DAY, DAY, 1, 2, WEEK, 4, 100, 10_000, Duration.ofMinutes(10));
    }

    public ConsentPolicy withMaxCallsPerCandidatePerDay(int max) {
        return new ConsentPolicy(invitationReplyWindow, declineCooldown, maxInvitationsPerDay, maxInvitationsPerWeek,
                temporaryPermission, maxConsecutiveUnanswered, max, maxCallsPerOrganizationPerDay, callReservation);
    }

    public ConsentPolicy withMaxCallsPerOrganizationPerDay(int max) {
        return new ConsentPolicy(invitationReplyWindow, declineCooldown, maxInvitationsPerDay, maxInvitationsPerWeek,
                temporaryPermission, maxConsecutiveUnanswered, maxCallsPerCandidatePerDay, max, callReservation);
    }
}
