package dev.wacalls.line;

import dev.wacalls.graph.MessagingLimit;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Why a line cannot call (yet): a machine-readable {@link Code} and the text the admin UI shows next to
 * <em>Subscribe to calls</em>.
 *
 * <pre>{@code
 * IneligibilityReason r = IneligibilityReason.messagingLimitTooLow(MessagingLimit.TIER_250);
 * r.code();  // MESSAGING_LIMIT_TOO_LOW
 * r.text();  // "Messaging limit below 2,000 (current: 250)"
 * }</pre>
 *
 * @param code what kind of reason it is
 * @param text the sentence shown to the admin, in English
 * @param region the ISO 3166-1 country (e.g. {@code IR}) or ISO 3166-2 subdivision (e.g. {@code UA-43} for
 *     Crimea) the reason is about, for region reasons
 * @param until when the reason lapses, when Meta says so (a restriction's expiry)
 */
public record IneligibilityReason(Code code, String text, @Nullable String region, @Nullable Instant until) {

    /** The kinds of reasons. */
    public enum Code {
        /** The line's access token or WhatsApp Business Account id has not been synced yet. */
        CREDENTIALS_NOT_RETRIEVED,
        /** The messaging limit is under 2,000 unique recipients per 24 h, or not set yet (Meta's 138015). */
        MESSAGING_LIMIT_TOO_LOW,
        /** No calling at all for numbers of this country or region (Cuba, Iran, North Korea, Syria, Crimea, …). */
        REGION_RESTRICTED,
        /** No business-initiated calling through the developer platform for this country (US, CA, EG, VN, NG). */
        BUSINESS_CALLING_UNAVAILABLE_IN_COUNTRY,
        /** Meta paused business-initiated calling on the number, e.g. after negative user feedback. */
        CALLING_RESTRICTED_BY_META,
        /** The number's country could not be determined, so it cannot be shown to be allowed. */
        UNKNOWN_COUNTRY
    }

    private static final DateTimeFormatter UNTIL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    public IneligibilityReason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(text, "text");
    }

    /** {@code Credentials not retrieved yet}. */
    public static IneligibilityReason credentialsNotRetrieved() {
        return new IneligibilityReason(Code.CREDENTIALS_NOT_RETRIEVED, "Credentials not retrieved yet", null, null);
    }

    /** {@code Messaging limit below 2,000 (current: 250)}. */
    public static IneligibilityReason messagingLimitTooLow(MessagingLimit current) {
        String now = switch (current) {
            case TIER_NOT_SET -> "not set";
            case UNKNOWN -> "unknown";
            case TIER_UNLIMITED -> "unlimited";
            default -> grouped(current.uniqueRecipientsPerDay().orElse(0));
        };
        return new IneligibilityReason(Code.MESSAGING_LIMIT_TOO_LOW,
                "Messaging limit below " + grouped(LineEligibility.MIN_MESSAGING_LIMIT) + " (current: " + now + ")",
                null, null);
    }

    /** Meta refused to enable calling with error 138015, whatever the limit we read said. */
    static IneligibilityReason messagingLimitRefusedByMeta() {
        return new IneligibilityReason(Code.MESSAGING_LIMIT_TOO_LOW,
                "Messaging limit below " + grouped(LineEligibility.MIN_MESSAGING_LIMIT)
                        + " (Meta refused to enable calling, error 138015)",
                null, null);
    }

    /** {@code Region restriction: calling is not available in Iran}. */
    static IneligibilityReason regionRestricted(String region, String place) {
        return new IneligibilityReason(Code.REGION_RESTRICTED,
                "Region restriction: calling is not available in " + place, region, null);
    }

    /** {@code Region restriction: business-initiated calling is not available for numbers of Canada}. */
    static IneligibilityReason businessCallingUnavailable(String country, String countryName) {
        return new IneligibilityReason(Code.BUSINESS_CALLING_UNAVAILABLE_IN_COUNTRY,
                "Region restriction: business-initiated calling is not available for numbers of " + countryName,
                country, null);
    }

    /** Meta's 138013, for a country our rules let through. */
    static IneligibilityReason businessCallingRefusedByMeta(@Nullable String country) {
        return new IneligibilityReason(Code.BUSINESS_CALLING_UNAVAILABLE_IN_COUNTRY,
                "Region restriction: business-initiated calling is not available for this number's country"
                        + " (Meta error 138013)",
                country, null);
    }

    /** {@code Business-initiated calling restricted by Meta until 2026-08-01 18:19 UTC}. */
    public static IneligibilityReason restrictedByMeta(@Nullable Instant until) {
        return new IneligibilityReason(Code.CALLING_RESTRICTED_BY_META,
                "Business-initiated calling restricted by Meta" + (until == null ? "" : " until " + UNTIL.format(until)),
                null, until);
    }

    /** Meta's 138014, which carries no end time. */
    static IneligibilityReason temporarilyDisabledByMeta() {
        return new IneligibilityReason(Code.CALLING_RESTRICTED_BY_META,
                "Calling temporarily disabled by Meta (low call quality)", null, null);
    }

    /** {@code Region restriction: the country of +999 123 could not be determined}. */
    static IneligibilityReason unknownCountry(String phoneNumber) {
        return new IneligibilityReason(Code.UNKNOWN_COUNTRY,
                "Region restriction: the country of " + phoneNumber + " could not be determined", null, null);
    }

    public Optional<String> regionCode() {
        return Optional.ofNullable(region);
    }

    public Optional<Instant> untilTime() {
        return Optional.ofNullable(until);
    }

    private static String grouped(long n) {
        return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(n);
    }
}
