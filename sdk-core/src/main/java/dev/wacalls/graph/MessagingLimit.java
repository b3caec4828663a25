package dev.wacalls.graph;

import java.util.OptionalLong;

/**
 * How many unique users the business portfolio may message first in 24 hours. Calling needs at least 2,000
 * ({@link #TIER_2K}).
 */
public enum MessagingLimit {
    TIER_50(50),
    TIER_250(250),
    TIER_1K(1_000),
    TIER_2K(2_000),
    TIER_10K(10_000),
    TIER_100K(100_000),
    TIER_UNLIMITED(Long.MAX_VALUE),
    /** The number has not sent a message yet. */
    TIER_NOT_SET(-1),
    UNKNOWN(-1);

    private final long uniqueRecipients;

    MessagingLimit(long uniqueRecipients) {
        this.uniqueRecipients = uniqueRecipients;
    }

    /** The limit in unique recipients per 24 h; empty for NOT_SET/UNKNOWN; Long.MAX_VALUE for unlimited. */
    public OptionalLong uniqueRecipientsPerDay() {
        return uniqueRecipients < 0 ? OptionalLong.empty() : OptionalLong.of(uniqueRecipients);
    }

    public boolean atLeast(long recipients) {
        return uniqueRecipients >= 0 && uniqueRecipients >= recipients;
    }
}
