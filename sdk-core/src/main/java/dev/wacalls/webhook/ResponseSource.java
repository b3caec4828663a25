package dev.wacalls.webhook;

/**
 * Whether the user answered ({@code user_action}) or WhatsApp did ({@code automatic}: a callback permission
 * granted because the user called, or a revocation after 4 unanswered calls).
 */
public enum ResponseSource {
    USER_ACTION,
    AUTOMATIC,
    UNKNOWN
}
