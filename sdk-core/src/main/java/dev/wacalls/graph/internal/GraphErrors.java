package dev.wacalls.graph.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wacalls.error.AuthorizationException;
import dev.wacalls.error.CallFailedException;
import dev.wacalls.error.CallPermissionRequiredException;
import dev.wacalls.error.CallingUnavailableException;
import dev.wacalls.error.GraphApiException;
import dev.wacalls.error.InvalidParameterException;
import dev.wacalls.error.MetaError;
import dev.wacalls.error.PaymentRequiredException;
import dev.wacalls.error.PermanentPermissionExistsException;
import dev.wacalls.error.RateLimitedException;
import dev.wacalls.error.RecipientUnavailableException;
import dev.wacalls.internal.MetaErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Turns Meta's error object into the exception a caller can catch by meaning. */
public final class GraphErrors {
    private GraphErrors() {}

    public static GraphApiException toException(
            int httpStatus, JsonNode errorNode, @Nullable Duration retryAfter, Clock clock) {
        MetaError error = MetaErrors.parse(errorNode, "$.error");
        return switch (error.code()) {
            case 100 -> new InvalidParameterException(httpStatus, error, retryAfter);
            case 190, 102, 10, 200 -> new AuthorizationException(httpStatus, error, retryAfter);
            case 4, 613, 80007, 130429, 138002, 138005, 138009, 138012 -> {
                Instant next = MetaErrors.nextAllowedAt(errorNode, error.details());
                if (next == null && retryAfter != null) {
                    next = clock.instant().plus(retryAfter);
                }
                yield new RateLimitedException(httpStatus, error, retryAfter, next);
            }
            case 138006 -> new CallPermissionRequiredException(httpStatus, error, retryAfter);
            case 138017 -> new PermanentPermissionExistsException(httpStatus, error, retryAfter);
            case 138000, 138013, 138014, 138015, 138018, 131055, 131009 ->
                new CallingUnavailableException(httpStatus, error, retryAfter);
            case 138001, 138003, 131030, 131026 -> new RecipientUnavailableException(httpStatus, error, retryAfter);
            case 138004, 138007, 138019, 138020, 138021, 138022, 138023 ->
                new CallFailedException(httpStatus, error, retryAfter);
            case 131044 -> new PaymentRequiredException(httpStatus, error, retryAfter);
            default -> {
                if (httpStatus == 401 || httpStatus == 403) {
                    yield new AuthorizationException(httpStatus, error, retryAfter);
                }
                if (httpStatus == 429) {
                    Instant next = retryAfter == null ? null : clock.instant().plus(retryAfter);
                    yield new RateLimitedException(httpStatus, error, retryAfter, next);
                }
                yield new GraphApiException(httpStatus, error, retryAfter);
            }
        };
    }
}
