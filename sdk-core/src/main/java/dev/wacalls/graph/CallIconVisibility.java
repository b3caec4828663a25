package dev.wacalls.graph;

/**
 * Where WhatsApp shows the call button. {@code DISABLE_ALL} hides icons and entry points (users can still call
 * from contacts, call logs and call buttons). Meta's older text writes "DISABLE ALL"; both read as DISABLE_ALL.
 */
public enum CallIconVisibility {
    DEFAULT,
    DISABLE_ALL,
    HIDE_IN_CHAT,
    UNKNOWN
}
