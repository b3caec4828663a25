package dev.wacalls.graph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wacalls.id.PhoneNumberId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A business phone number with what line eligibility needs.
 *
 * @param id its Graph id
 * @param displayPhoneNumber as Meta displays it, e.g. {@code +44 7700 900123}
 * @param countryCode ISO 3166 region of the number (e.g. {@code GB}), when it could be determined
 * @param verifiedName the approved display name
 * @param messagingLimit the portfolio's messaging limit
 * @param qualityRating users' feedback rating
 * @param status CONNECTED, DISCONNECTED, PENDING, …
 * @param platformType CLOUD_API, …
 * @param health Meta's health summary, when returned
 * @param raw the whole object
 */
public record PhoneNumberInfo(
        PhoneNumberId id,
        String displayPhoneNumber,
        @Nullable String countryCode,
        @Nullable String verifiedName,
        MessagingLimit messagingLimit,
        QualityRating qualityRating,
        @Nullable String status,
        @Nullable String platformType,
        @Nullable HealthStatus health,
        JsonNode raw) {

    public Optional<String> country() {
        return Optional.ofNullable(countryCode);
    }

    public Optional<HealthStatus> healthStatus() {
        return Optional.ofNullable(health);
    }
}
