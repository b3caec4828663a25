package dev.wacalls.consent;

/** Why an invitation or a call is not allowed now. */
public enum DenialReason {
    /** An invitation is out and has no reply yet (it expires after 24 h). */
    WAITING_FOR_REPLY,
    /** The last invitation got no reply within 24 h. */
    INVITATION_EXPIRED,
    /** The candidate declined; a new invitation is possible 24 h after the declined one. */
    INVITATION_DECLINED,
    /** WhatsApp allows one invitation per 24 h. */
    DAILY_INVITE_LIMIT,
    /** At most two invitations in any 7 days. */
    WEEKLY_INVITE_LIMIT,
    /** Meta refused further invitations for now (138009 or its own counters). */
    INVITE_LIMIT_BY_META,
    /** The candidate already granted a temporary permission that has not expired. */
    PERMISSION_ACTIVE,
    /** The candidate granted a permanent permission: inviting is refused by WhatsApp (138017). */
    PERMANENT_PERMISSION,
    /** No permission and no invitation out. */
    NO_PERMISSION,
    /** A temporary permission ran out (7 days after approval). */
    PERMISSION_EXPIRED,
    /** Consecutive unanswered calls, or WhatsApp, reset the permission. */
    RESET_AFTER_UNANSWERED,
    /** The candidate's daily limit of connected calls is reached. */
    CANDIDATE_DAILY_CALL_LIMIT,
    /** The organisation's daily limit of connected calls is reached. */
    ORGANIZATION_DAILY_CALL_LIMIT
}
