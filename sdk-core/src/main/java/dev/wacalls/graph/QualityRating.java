package dev.wacalls.graph;

/** A number's quality rating from users' feedback. */
public enum QualityRating {
    GREEN,
    YELLOW,
    RED,
    NA,
    UNKNOWN
}
