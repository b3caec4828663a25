package dev.wacalls.consent;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How many calls of an organisation count against its daily limit now, and the oldest of them (the limit frees up
 * 24 h after it).
 *
 * @param count calls counted
 * @param oldest the oldest counted call, null when none
 */
public record OrganizationCalls(int count, @Nullable Instant oldest) {}
