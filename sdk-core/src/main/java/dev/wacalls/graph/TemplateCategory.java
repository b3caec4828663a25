package dev.wacalls.graph;

/** A message template's category. Call-permission templates may be MARKETING or UTILITY. */
public enum TemplateCategory {
    MARKETING,
    UTILITY,
    AUTHENTICATION,
    UNKNOWN
}
