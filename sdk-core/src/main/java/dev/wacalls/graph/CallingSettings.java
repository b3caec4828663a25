package dev.wacalls.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The calling settings of a business number, as {@code GET /{phone-number-id}/settings} returns them.
 *
 * @param status whether calling is enabled
 * @param callIconVisibility where the call button shows
 * @param restrictToUserCountries ISO countries whose users see the call icon; empty = everyone
 * @param callHours user-initiated call hours, if set
 * @param callbackPermissionStatus whether calling the business grants it a temporary call permission
 * @param srtpKeyExchange DTLS or SDES, when set explicitly
 * @param additionalCodecs PCMA/PCMU next to Opus
 * @param sip SIP configuration, if any
 * @param restrictions restrictions in force
 * @param raw the whole {@code calling} object, for fields this version does not model
 */
public record CallingSettings(
        FeatureStatus status,
        CallIconVisibility callIconVisibility,
        List<String> restrictToUserCountries,
        @Nullable CallHours callHours,
        FeatureStatus callbackPermissionStatus,
        @Nullable SrtpKeyExchange srtpKeyExchange,
        List<String> additionalCodecs,
        @Nullable SipSettings sip,
        List<CallingRestriction> restrictions,
        JsonNode raw) {

    public CallingSettings {
        restrictToUserCountries = List.copyOf(restrictToUserCountries);
        additionalCodecs = List.copyOf(additionalCodecs);
        restrictions = List.copyOf(restrictions);
    }

    public boolean enabled() {
        return status == FeatureStatus.ENABLED;
    }

    public Optional<CallHours> hours() {
        return Optional.ofNullable(callHours);
    }

    public Optional<SipSettings> sipSettings() {
        return Optional.ofNullable(sip);
    }

    /** True when Meta has paused business-initiated calling on this number. */
    public boolean businessInitiatedRestricted() {
        return restrictions.stream().anyMatch(r -> r.type().equals(CallingRestriction.BUSINESS_INITIATED));
    }
}
