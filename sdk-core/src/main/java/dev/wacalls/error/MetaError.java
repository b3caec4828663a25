package dev.wacalls.error;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One error object as Meta writes it, in a Graph API error response ({@code {"error":{…}}}) or in a webhook's
 * {@code errors[]} (e.g. the reason a call failed: 138021 "media receive timeout").
 *
 * @param code Meta's numeric code (0 when absent)
 * @param message the {@code message} text
 * @param title the {@code title} (webhooks) or {@code error_user_title} (Graph), if any
 * @param details {@code error_data.details}: SDP validation text, the next allowed time of 138012, …
 * @param type Graph's {@code type}, e.g. {@code OAuthException}
 * @param subcode {@code error_subcode}, 0 when absent
 * @param fbtraceId {@code fbtrace_id}, quote it to Meta's support
 * @param href link to Meta's documentation of the code, if given
 */
public record MetaError(
        int code,
        String message,
        @Nullable String title,
        @Nullable String details,
        @Nullable String type,
        int subcode,
        @Nullable String fbtraceId,
        @Nullable String href) {

    public MetaError {
        message = message == null ? "" : message;
    }

    /** The documented meaning of {@link #code()}, or {@link MetaErrorCode#UNKNOWN}. */
    public MetaErrorCode errorCode() {
        return MetaErrorCode.of(code);
    }

    public Optional<String> detailsText() {
        return Optional.ofNullable(details);
    }
}
