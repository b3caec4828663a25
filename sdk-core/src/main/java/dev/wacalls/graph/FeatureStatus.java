package dev.wacalls.graph;

/** {@code ENABLED} / {@code DISABLED} switches of the calling settings. */
public enum FeatureStatus {
    ENABLED,
    DISABLED,
    /** A value this SDK version does not know yet. */
    UNKNOWN
}
