package dev.wacalls.webhook;

/** The user's answer to a call-permission request. */
public enum PermissionResponse {
    ACCEPT,
    REJECT,
    UNKNOWN
}
