package dev.wacalls.consent;

import dev.wacalls.error.GraphApiException;
import dev.wacalls.error.MetaError;
import dev.wacalls.error.RateLimitedException;
import dev.wacalls.graph.ActionLimit;
import dev.wacalls.graph.PermissionAction;
import dev.wacalls.id.PhoneNumberId;
import dev.wacalls.id.WaId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Keys, Meta errors, replies and Meta limits as the consent tests need them. */
final class ConsentFixtures {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final PhoneNumberId LINE = PhoneNumberId.of("106540352242922");
    static final Duration DAY = Duration.ofHours(24);
    static final Duration WEEK = Duration.ofDays(7);
    static final Duration SECOND = Duration.ofSeconds(1);

    private ConsentFixtures() {}

    static ConsentKey key(String org, String waId) {
        return ConsentKey.of(org, LINE, WaId.of(waId));
    }

    static GraphApiException metaError(int code) {
        return new GraphApiException(code == 138006 ? 401 : 400,
                new MetaError(code, "error " + code, null, null, "OAuthException", 0, "AbCdEf", null), null);
    }

    static RateLimitedException rateLimited(int code, @Nullable Instant nextAllowedAt) {
        return new RateLimitedException(400,
                new MetaError(code, "limit " + code, null, nextAllowedAt == null ? null : "next at " + nextAllowedAt,
                        "OAuthException", 0, "AbCdEf", null),
                null, nextAllowedAt);
    }

    static PermissionReply acceptTemporary(Instant at) {
        return new PermissionReply(true, false, null, false, at);
    }

    static PermissionReply acceptTemporaryUntil(Instant at, Instant expiresAt) {
        return new PermissionReply(true, false, expiresAt, false, at);
    }

    static PermissionReply acceptPermanent(Instant at) {
        return new PermissionReply(true, true, null, false, at);
    }

    static PermissionReply reject(Instant at) {
        return new PermissionReply(false, false, null, false, at);
    }

    static PermissionReply automaticReject(Instant at) {
        return new PermissionReply(false, false, null, true, at);
    }

    static ActionLimit limit(String period, int max, int usage, @Nullable Instant expires) {
        Duration window = period.equals("P7D") ? WEEK : Duration.parse(period);
        return new ActionLimit(period, window, max, usage, expires);
    }

    static PermissionAction send(boolean can, ActionLimit... limits) {
        return new PermissionAction(PermissionAction.SEND_CALL_PERMISSION_REQUEST, can, List.of(limits));
    }

    static PermissionAction start(boolean can, ActionLimit... limits) {
        return new PermissionAction(PermissionAction.START_CALL, can, List.of(limits));
    }
}
