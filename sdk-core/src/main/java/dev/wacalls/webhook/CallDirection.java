package dev.wacalls.webhook;

/** Who placed the call. */
public enum CallDirection {
    /** The user called the business. */
    USER_INITIATED,
    /** The business called the user. */
    BUSINESS_INITIATED,
    UNKNOWN
}
