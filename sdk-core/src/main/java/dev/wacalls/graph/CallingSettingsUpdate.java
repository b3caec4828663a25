package dev.wacalls.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A change to the calling settings: only the parts set here are sent. Beware that {@link Builder#callHours}
 * replaces the call hours whole, holidays included.
 *
 * <pre>{@code
 * client.settings().update(CallingSettingsUpdate.builder()
 *         .status(FeatureStatus.ENABLED)
 *         .callbackPermissionStatus(FeatureStatus.ENABLED)
 *         .build());
 * }</pre>
 */
public final class CallingSettingsUpdate {
    private final @Nullable FeatureStatus status;
    private final @Nullable CallIconVisibility callIconVisibility;
    private final @Nullable List<String> restrictToUserCountries;
    private final @Nullable CallHours callHours;
    private final @Nullable FeatureStatus callbackPermissionStatus;
    private final @Nullable SrtpKeyExchange srtpKeyExchange;
    private final @Nullable List<String> additionalCodecs;
    private final @Nullable SipSettings sip;

    private CallingSettingsUpdate(Builder b) {
        this.status = b.status;
        this.callIconVisibility = b.callIconVisibility;
        this.restrictToUserCountries = b.restrictToUserCountries;
        this.callHours = b.callHours;
        this.callbackPermissionStatus = b.callbackPermissionStatus;
        this.srtpKeyExchange = b.srtpKeyExchange;
        this.additionalCodecs = b.additionalCodecs;
        this.sip = b.sip;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Only switches calling on: what the daily activation job sends. */
    public static CallingSettingsUpdate enableCalling() {
        return builder().status(FeatureStatus.ENABLED).build();
    }

    /** Everything wrong with this update, per Meta's documented rules; empty when it may be sent. */
    public List<String> problems(Clock clock) {
        List<String> problems = new java.util.ArrayList<>();
        if (callHours != null) {
            problems.addAll(callHours.problems(clock));
        }
        if (sip != null) {
            if (sip.status() == FeatureStatus.ENABLED && sip.servers().isEmpty()) {
                problems.add("SIP needs at least one server while enabled");
            }
            for (SipServer s : sip.servers()) {
                int length = s.requestUriUserParams().entrySet().stream()
                        .mapToInt(e -> e.getKey().length() + 1 + e.getValue().length() + 1)
                        .sum();
                if (length > 128) {
                    problems.add("SIP server " + s.hostname() + ": request URI user parameters exceed 128 characters");
                }
            }
        }
        if (restrictToUserCountries != null) {
            for (String c : restrictToUserCountries) {
                if (!c.matches("[A-Z]{2}")) {
                    problems.add("not an ISO 3166 country code: '" + c + "'");
                }
            }
        }
        if (additionalCodecs != null) {
            for (String c : additionalCodecs) {
                if (!c.equals("PCMA") && !c.equals("PCMU")) {
                    problems.add("additional codecs may only be PCMA and PCMU, got '" + c + "'");
                }
            }
        }
        if (status == FeatureStatus.UNKNOWN || callbackPermissionStatus == FeatureStatus.UNKNOWN
                || callIconVisibility == CallIconVisibility.UNKNOWN || srtpKeyExchange == SrtpKeyExchange.UNKNOWN) {
            problems.add("UNKNOWN is not a value that can be sent");
        }
        return problems;
    }

    ObjectNode toJson() {
        ObjectNode root = WhatsAppCallingClient.newObject();
        ObjectNode calling = root.putObject("calling");
        if (status != null) {
            calling.put("status", status.name());
        }
        if (callIconVisibility != null) {
            calling.put("call_icon_visibility", callIconVisibility.name());
        }
        if (restrictToUserCountries != null) {
            ArrayNode countries = calling.putObject("call_icons").putArray("restrict_to_user_countries");
            restrictToUserCountries.forEach(countries::add);
        }
        if (callHours != null) {
            ObjectNode hours = calling.putObject("call_hours");
            hours.put("status", callHours.status().name());
            hours.put("timezone_id", callHours.timezone().getId());
            ArrayNode weekly = hours.putArray("weekly_operating_hours");
            for (WeeklyHours w : callHours.weeklyHours()) {
                weekly.addObject()
                        .put("day_of_week", w.day().name())
                        .put("open_time", HhMm.format(w.open()))
                        .put("close_time", HhMm.format(w.close()));
            }
            ArrayNode holidays = hours.putArray("holiday_schedule");
            for (Holiday h : callHours.holidays()) {
                holidays.addObject()
                        .put("date", h.date().toString())
                        .put("start_time", HhMm.format(h.start()))
                        .put("end_time", HhMm.format(h.end()));
            }
        }
        if (callbackPermissionStatus != null) {
            calling.put("callback_permission_status", callbackPermissionStatus.name());
        }
        if (srtpKeyExchange != null) {
            calling.put("srtp_key_exchange_protocol", srtpKeyExchange.name());
        }
        if (additionalCodecs != null) {
            ArrayNode codecs = calling.putObject("audio").putArray("additional_codecs");
            additionalCodecs.forEach(codecs::add);
        }
        if (sip != null) {
            ObjectNode s = calling.putObject("sip");
            s.put("status", sip.status().name());
            ArrayNode servers = s.putArray("servers");
            for (SipServer server : sip.servers()) {
                ObjectNode o = servers.addObject().put("hostname", server.hostname()).put("port", server.port());
                if (!server.requestUriUserParams().isEmpty()) {
                    ObjectNode params = o.putObject("request_uri_user_params");
                    new java.util.TreeMap<>(server.requestUriUserParams()).forEach(params::put);
                }
            }
        }
        return root;
    }

    /** Builds a {@link CallingSettingsUpdate}. */
    public static final class Builder {
        private @Nullable FeatureStatus status;
        private @Nullable CallIconVisibility callIconVisibility;
        private @Nullable List<String> restrictToUserCountries;
        private @Nullable CallHours callHours;
        private @Nullable FeatureStatus callbackPermissionStatus;
        private @Nullable SrtpKeyExchange srtpKeyExchange;
        private @Nullable List<String> additionalCodecs;
        private @Nullable SipSettings sip;

        private Builder() {}

        public Builder status(FeatureStatus status) {
            this.status = status;
            return this;
        }

        public Builder callIconVisibility(CallIconVisibility visibility) {
            this.callIconVisibility = visibility;
            return this;
        }

        /** ISO 3166 codes of the users' registered numbers that see the call icon; empty removes the restriction. */
        public Builder restrictCallIconToUserCountries(List<String> countries) {
            this.restrictToUserCountries = List.copyOf(countries);
            return this;
        }

        /** Replaces the call hours whole; holidays not listed are deleted. */
        public Builder callHours(CallHours callHours) {
            this.callHours = callHours;
            return this;
        }

        public Builder callbackPermissionStatus(FeatureStatus status) {
            this.callbackPermissionStatus = status;
            return this;
        }

        public Builder srtpKeyExchange(SrtpKeyExchange protocol) {
            this.srtpKeyExchange = protocol;
            return this;
        }

        /** {@code PCMA}/{@code PCMU} next to Opus (Meta transcodes); empty for Opus only. */
        public Builder additionalCodecs(List<String> codecs) {
            this.additionalCodecs = List.copyOf(codecs);
            return this;
        }

        public Builder sip(SipSettings sip) {
            this.sip = sip;
            return this;
        }

        /** An empty server list for an app deletes its SIP server. */
        public Builder sipServers(FeatureStatus status, Map<String, Integer> hostnamesAndPorts) {
            this.sip = new SipSettings(status, hostnamesAndPorts.entrySet().stream()
                    .map(e -> SipServer.of(e.getKey(), e.getValue()))
                    .toList());
            return this;
        }

        public CallingSettingsUpdate build() {
            return new CallingSettingsUpdate(this);
        }
    }
}
