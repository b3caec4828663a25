package dev.wacalls.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Opt-in to Meta's own call recording or transcription for one call (the {@code recording} and
 * {@code transcription} objects of {@code connect} and {@code accept}). When enabled, WhatsApp plays a consent
 * announcement to both parties first. Independent of wacalls' own recording, which needs no opt-in at Meta.
 *
 * <pre>{@code MetaCallFeature.enabled("candidate screening", "en_US")}</pre>
 *
 * @param enabled whether Meta records (or transcribes) the call
 * @param purpose spoken in the announcement; required when enabled, at most 250 characters
 * @param announcementLanguage e.g. {@code en_US}, {@code de}, {@code es_ES}; Meta's default when absent
 */
public record MetaCallFeature(boolean enabled, @Nullable String purpose, @Nullable String announcementLanguage) {
    public static final int MAX_PURPOSE_LENGTH = 250;

    public MetaCallFeature {
        if (enabled && (purpose == null || purpose.isBlank())) {
            throw new IllegalArgumentException("a purpose is required when Meta's recording/transcription is enabled");
        }
        if (purpose != null && purpose.length() > MAX_PURPOSE_LENGTH) {
            throw new IllegalArgumentException("purpose is longer than " + MAX_PURPOSE_LENGTH + " characters");
        }
        if (announcementLanguage != null && !announcementLanguage.matches("[a-z]{2,3}(_[A-Z]{2})?")) {
            throw new IllegalArgumentException("announcement language must look like en or en_US: " + announcementLanguage);
        }
    }

    public static MetaCallFeature enabled(String purpose, @Nullable String announcementLanguage) {
        return new MetaCallFeature(true, Objects.requireNonNull(purpose, "purpose"), announcementLanguage);
    }

    public static MetaCallFeature disabled() {
        return new MetaCallFeature(false, null, null);
    }

    public Optional<String> purposeText() {
        return Optional.ofNullable(purpose);
    }

    ObjectNode toJson() {
        ObjectNode o = WhatsAppCallingClient.newObject();
        o.put("status", enabled ? "ENABLED" : "DISABLED");
        if (purpose != null) {
            o.put("purpose", purpose);
        }
        if (announcementLanguage != null) {
            o.put("announcement_language", announcementLanguage);
        }
        return o;
    }
}
