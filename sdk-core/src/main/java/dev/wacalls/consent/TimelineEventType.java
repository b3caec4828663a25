package dev.wacalls.consent;

/** What happened, as the candidate's conversation timeline shows it. */
public enum TimelineEventType {
    PERMISSION_REQUESTED,
    PERMISSION_GRANTED,
    PERMISSION_DECLINED,
    PERMISSION_EXPIRED,
    PERMISSION_RESET,
    CALL_STARTED,
    CALL_COMPLETED,
    CALL_UNANSWERED
}
