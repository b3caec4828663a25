package dev.wacalls.graph;

/** Whether a user lets the business call: {@code no_permission}, {@code temporary} (7 days) or {@code permanent}. */
public enum PermissionStatus {
    NO_PERMISSION,
    TEMPORARY,
    PERMANENT,
    /** A value this SDK version does not know yet. */
    UNKNOWN;

    /** True for a temporary or permanent grant. */
    public boolean granted() {
        return this == TEMPORARY || this == PERMANENT;
    }
}
