package dev.wacalls.graph;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class SettingsApiTest extends MockGraphTest {
    private static final ZoneId MANAUS = ZoneId.of("America/Manaus");
    /** 2026-03-10 12:00 UTC, 08:00 in Manaus. */
    private static final Clock MARCH_10 = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);

    private static final String DOCUMENTED_SETTINGS = """
            { "calling": {
                "status": "ENABLED",
                "call_icon_visibility": "DISABLE ALL",
                "call_icons": { "restrict_to_user_countries": ["US", "BR"] },
                "call_hours": {
                  "status": "ENABLED",
                  "timezone_id": "America/Manaus",
                  "weekly_operating_hours": [
                    { "day_of_week": "MONDAY", "open_time": "0400", "close_time": "1020" },
                    { "day_of_week": "FRIDAY", "open_time": "1800", "close_time": "2400" } ],
                  "holiday_schedule": [ { "date": "2026-01-01", "start_time": "0000", "end_time": "2359" } ]
                },
                "callback_permission_status": "ENABLED",
                "srtp_key_exchange_protocol": "SDES",
                "sip": { "status": "ENABLED",
                         "servers": [ { "hostname": "sip.example.com", "port": 5061, "app_id": "1234567890",
                                        "request_uri_user_params": { "tgrp": "wacall", "trunk-context": "byoc.example.com" },
                                        "sip_user_password": "s3cr3t-pw" } ] },
                "audio": { "additional_codecs": ["PCMA", "PCMU"] },
                "restrictions": { "restrictions_list": [ {
                    "type": "RESTRICTED_BUSINESS_INITIATED_CALLING",
                    "reason": "Business-initiated calling was temporarily disabled due to high negative feedback from users.",
                    "expiration": 1754072386 } ] }
              },
              "id": "106540352242922" }
            """;

    @Test
    void getParsesTheDocumentedCallingObject() throws Exception {
        enqueueJson(200, DOCUMENTED_SETTINGS);

        CallingSettings s = client().settings().get(true, RequestOptions.none());

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v24.0/" + PHONE_NUMBER_ID + "/settings");
        assertThat(request.getUrl().queryParameter("include_sip_credentials")).isEqualTo("true");

        assertThat(s.status()).isEqualTo(FeatureStatus.ENABLED);
        assertThat(s.enabled()).isTrue();
        assertThat(s.callIconVisibility()).isEqualTo(CallIconVisibility.DISABLE_ALL);
        assertThat(s.restrictToUserCountries()).containsExactly("US", "BR");
        assertThat(s.callbackPermissionStatus()).isEqualTo(FeatureStatus.ENABLED);
        assertThat(s.srtpKeyExchange()).isEqualTo(SrtpKeyExchange.SDES);
        assertThat(s.additionalCodecs()).containsExactly("PCMA", "PCMU");

        CallHours hours = s.hours().orElseThrow();
        assertThat(hours.status()).isEqualTo(FeatureStatus.ENABLED);
        assertThat(hours.timezone()).isEqualTo(MANAUS);
        assertThat(hours.weeklyHours()).containsExactly(
                WeeklyHours.of(MONDAY, LocalTime.of(4, 0), LocalTime.of(10, 20)),
                WeeklyHours.of(FRIDAY, LocalTime.of(18, 0), LocalTime.MAX));
        assertThat(hours.holidays()).containsExactly(
                new Holiday(LocalDate.of(2026, 1, 1), LocalTime.MIDNIGHT, LocalTime.of(23, 59)));

        SipSettings sip = s.sipSettings().orElseThrow();
        assertThat(sip.status()).isEqualTo(FeatureStatus.ENABLED);
        assertThat(sip.servers()).hasSize(1);
        SipServer server0 = sip.servers().get(0);
        assertThat(server0.hostname()).isEqualTo("sip.example.com");
        assertThat(server0.port()).isEqualTo(5061);
        assertThat(server0.requestUriUserParams())
                .containsExactlyInAnyOrderEntriesOf(Map.of("tgrp", "wacall", "trunk-context", "byoc.example.com"));
        assertThat(server0.password()).contains("s3cr3t-pw");
        assertThat(server0.appId()).isEqualTo("1234567890");

        assertThat(s.restrictions()).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo(CallingRestriction.BUSINESS_INITIATED);
            assertThat(r.reason()).contains("high negative feedback");
            assertThat(r.expiration()).contains(Instant.ofEpochSecond(1754072386));
        });
        assertThat(s.businessInitiatedRestricted()).isTrue();
        assertThat(s.raw().get("status").textValue()).isEqualTo("ENABLED");
    }

    @Test
    void getWithoutCredentialsDoesNotAskForThem() throws Exception {
        enqueueJson(200, "{\"calling\":{\"status\":\"DISABLED\"}}");

        client().settings().get();

        assertThat(take().getUrl().queryParameter("include_sip_credentials")).isNull();
    }

    @Test
    void theRestrictionListSpellingFromMetasTableIsReadToo() {
        enqueueJson(200, """
                { "calling": { "status": "ENABLED",
                    "restrictions": { "restriction_list": [ {
                        "type": "RESTRICTED_USER_INITIATED_CALLING", "reason": "low pickup", "expiration": "1754072386" } ] } } }
                """);

        CallingSettings s = client().settings().get();

        assertThat(s.restrictions()).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo(CallingRestriction.USER_INITIATED);
            assertThat(r.expiration()).contains(Instant.ofEpochSecond(1754072386));
        });
        assertThat(s.businessInitiatedRestricted()).isFalse();
    }

    @Test
    void restrictionsNextToTheCallingObjectAreReadToo() {
        enqueueJson(200, """
                { "calling": { "status": "ENABLED" },
                  "restrictions": { "restrictions_list": [ { "type": "RESTRICTED_BUSINESS_INITIATED_CALLING" } ] } }
                """);

        CallingSettings s = client().settings().get();

        assertThat(s.businessInitiatedRestricted()).isTrue();
        assertThat(s.restrictions().get(0).expiration()).isEmpty();
    }

    @Test
    void aMinimalCallingObjectGivesDefaults() {
        enqueueJson(200, "{\"calling\":{\"status\":\"DISABLED\"}}");

        CallingSettings s = client().settings().get();

        assertThat(s.enabled()).isFalse();
        assertThat(s.callIconVisibility()).isEqualTo(CallIconVisibility.DEFAULT);
        assertThat(s.restrictToUserCountries()).isEmpty();
        assertThat(s.hours()).isEmpty();
        assertThat(s.callbackPermissionStatus()).isEqualTo(FeatureStatus.DISABLED);
        assertThat(s.srtpKeyExchange()).isNull();
        assertThat(s.additionalCodecs()).isEmpty();
        assertThat(s.sipSettings()).isEmpty();
        assertThat(s.restrictions()).isEmpty();
    }

    @Test
    void valuesThisVersionDoesNotKnowReadAsUnknownNotAsDefaults() {
        enqueueJson(200, "{\"calling\":{\"status\":\"PAUSED\",\"call_icon_visibility\":\"SHOW_EVERYWHERE\","
                + "\"callback_permission_status\":\"ASK_FIRST\"}}");

        CallingSettings s = client().settings().get();

        assertThat(s.status()).isEqualTo(FeatureStatus.UNKNOWN);
        assertThat(s.callIconVisibility()).isEqualTo(CallIconVisibility.UNKNOWN);
        assertThat(s.callbackPermissionStatus()).isEqualTo(FeatureStatus.UNKNOWN);
        assertThat(s.raw().path("call_icon_visibility").asText()).isEqualTo("SHOW_EVERYWHERE");
    }

    @Test
    void updateSendsOnlyTheFieldsThatWereSet() throws Exception {
        enqueueJson(200, "{\"success\":true}");

        client().settings().update(CallingSettingsUpdate.builder()
                .status(FeatureStatus.ENABLED)
                .callbackPermissionStatus(FeatureStatus.DISABLED)
                .build());

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v24.0/" + PHONE_NUMBER_ID + "/settings");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertJsonBody(request, """
                { "calling": { "status": "ENABLED", "callback_permission_status": "DISABLED" } }
                """);
    }

    @Test
    void updateSendsIconsCodecsSrtpAndSipAsDocumented() throws Exception {
        enqueueJson(200, "{\"success\":true}");

        client().settings().update(CallingSettingsUpdate.builder()
                .callIconVisibility(CallIconVisibility.DISABLE_ALL)
                .restrictCallIconToUserCountries(List.of("US", "BR"))
                .srtpKeyExchange(SrtpKeyExchange.SDES)
                .additionalCodecs(List.of("PCMA", "PCMU"))
                .sip(new SipSettings(FeatureStatus.ENABLED, List.of(
                        new SipServer("sip.example.com", 5061, Map.of("tgrp", "wacall"), null, null))))
                .build());

        assertJsonBody(take(), """
                { "calling": {
                    "call_icon_visibility": "DISABLE_ALL",
                    "call_icons": { "restrict_to_user_countries": ["US", "BR"] },
                    "srtp_key_exchange_protocol": "SDES",
                    "audio": { "additional_codecs": ["PCMA", "PCMU"] },
                    "sip": { "status": "ENABLED",
                             "servers": [ { "hostname": "sip.example.com", "port": 5061,
                                            "request_uri_user_params": { "tgrp": "wacall" } } ] } } }
                """);
    }

    @Test
    void aValidCallHoursUpdateSendsTheWholeObjectWithHolidays() throws Exception {
        enqueueJson(200, "{\"success\":true}");
        CallHours hours = CallHours.enabled(MANAUS, List.of(
                        WeeklyHours.of(MONDAY, LocalTime.of(4, 0), LocalTime.of(10, 20)),
                        WeeklyHours.of(MONDAY, LocalTime.of(14, 0), LocalTime.of(18, 0)),
                        WeeklyHours.of(TUESDAY, LocalTime.of(20, 0), LocalTime.MAX)),
                List.of(Holiday.allDay(LocalDate.of(2026, 12, 25))));

        client(MARCH_10).settings().update(CallingSettingsUpdate.builder().callHours(hours).build());

        assertJsonBody(take(), """
                { "calling": { "call_hours": {
                    "status": "ENABLED",
                    "timezone_id": "America/Manaus",
                    "weekly_operating_hours": [
                      { "day_of_week": "MONDAY", "open_time": "0400", "close_time": "1020" },
                      { "day_of_week": "MONDAY", "open_time": "1400", "close_time": "1800" },
                      { "day_of_week": "TUESDAY", "open_time": "2000", "close_time": "2400" } ],
                    "holiday_schedule": [ { "date": "2026-12-25", "start_time": "0000", "end_time": "2359" } ] } } }
                """);
    }

    @Test
    void callHoursWithoutHolidaysStillSendAnEmptyHolidaySchedule() throws Exception {
        enqueueJson(200, "{\"success\":true}");
        CallHours hours = CallHours.enabled(MANAUS,
                List.of(WeeklyHours.of(MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))), List.of());

        client(MARCH_10).settings().update(CallingSettingsUpdate.builder().callHours(hours).build());

        assertThat(bodyOf(take()).at("/calling/call_hours/holiday_schedule").isArray()).isTrue();
    }

    @Test
    void threeRangesInADayAreRefusedWithoutARequest() {
        assertRefused(CallHours.enabled(MANAUS, List.of(
                        WeeklyHours.of(MONDAY, LocalTime.of(8, 0), LocalTime.of(9, 0)),
                        WeeklyHours.of(MONDAY, LocalTime.of(10, 0), LocalTime.of(11, 0)),
                        WeeklyHours.of(MONDAY, LocalTime.of(12, 0), LocalTime.of(13, 0))), List.of()),
                "MONDAY: 3 ranges");
    }

    @Test
    void overlappingRangesAreRefusedWithoutARequest() {
        assertRefused(CallHours.enabled(MANAUS, List.of(
                        WeeklyHours.of(TUESDAY, LocalTime.of(13, 0), LocalTime.of(18, 0)),
                        WeeklyHours.of(TUESDAY, LocalTime.of(9, 0), LocalTime.of(13, 30))), List.of()),
                "TUESDAY: 0900–1330 overlaps 1300–1800");
    }

    @Test
    void openingAtOrAfterClosingIsRefusedWithoutARequest() {
        assertRefused(CallHours.enabled(MANAUS, List.of(
                        WeeklyHours.of(FRIDAY, LocalTime.of(17, 0), LocalTime.of(9, 0))), List.of()),
                "FRIDAY: open time 1700 is not before close time 0900");
        assertRefused(CallHours.enabled(MANAUS, List.of(
                        WeeklyHours.of(FRIDAY, LocalTime.of(9, 0), LocalTime.of(9, 0))), List.of()),
                "FRIDAY: open time 0900 is not before close time 0900");
    }

    @Test
    void twentyOneHolidaysAreRefusedButTwentyAreAccepted() throws Exception {
        List<Holiday> holidays = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            holidays.add(Holiday.allDay(LocalDate.of(2026, 6, 1).plusDays(i)));
        }
        List<WeeklyHours> weekly = List.of(WeeklyHours.of(MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0)));
        assertRefused(CallHours.enabled(MANAUS, weekly, holidays), "21 holidays, at most 20");

        enqueueJson(200, "{\"success\":true}");
        client(MARCH_10).settings().update(CallingSettingsUpdate.builder()
                .callHours(CallHours.enabled(MANAUS, weekly, holidays.subList(0, 20)))
                .build());
        assertThat(bodyOf(take()).at("/calling/call_hours/holiday_schedule")).hasSize(20);
    }

    @Test
    void aHolidayInThePastIsRefusedWithoutARequest() {
        assertRefused(CallHours.enabled(MANAUS,
                        List.of(WeeklyHours.of(MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))),
                        List.of(Holiday.allDay(LocalDate.of(2026, 3, 9)))),
                "holiday 2026-03-09 is in the past");
    }

    @Test
    void whetherAHolidayIsPastIsJudgedInTheCallHoursTimeZone() throws Exception {
        // 02:00 UTC on March 10 is still March 9 in Manaus (UTC-4): March 9 is today there, not the past.
        Clock earlyUtc = Clock.fixed(Instant.parse("2026-03-10T02:00:00Z"), ZoneOffset.UTC);
        enqueueJson(200, "{\"success\":true}");
        List<WeeklyHours> weekly = List.of(WeeklyHours.of(MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0)));

        client(earlyUtc).settings().update(CallingSettingsUpdate.builder()
                .callHours(CallHours.enabled(MANAUS, weekly, List.of(Holiday.allDay(LocalDate.of(2026, 3, 9)))))
                .build());

        assertThat(take().getUrl().encodedPath()).endsWith("/settings");
        assertThatThrownBy(() -> client(earlyUtc).settings().update(CallingSettingsUpdate.builder()
                        .callHours(CallHours.enabled(MANAUS, weekly, List.of(Holiday.allDay(LocalDate.of(2026, 3, 8)))))
                        .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2026-03-08 is in the past");
    }

    @Test
    void enabledCallHoursWithEmptyWeeklyHoursAreRefusedWithoutARequest() {
        assertRefused(CallHours.enabled(MANAUS, List.of(), List.of()), "weekly operating hours must not be empty");
    }

    @Test
    void everyProblemIsListedInOneError() {
        CallHours hours = CallHours.enabled(MANAUS, List.of(
                        WeeklyHours.of(MONDAY, LocalTime.of(17, 0), LocalTime.of(9, 0)),
                        WeeklyHours.of(TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0)),
                        WeeklyHours.of(TUESDAY, LocalTime.of(11, 0), LocalTime.of(14, 0))),
                List.of(Holiday.allDay(LocalDate.of(2025, 12, 25))));

        assertThatThrownBy(() -> client(MARCH_10).settings().update(
                        CallingSettingsUpdate.builder().callHours(hours).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MONDAY: open time 1700")
                .hasMessageContaining("TUESDAY: 0900–1200 overlaps 1100–1400")
                .hasMessageContaining("holiday 2025-12-25 is in the past");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void disabledCallHoursNeedNoWeeklyHours() throws Exception {
        enqueueJson(200, "{\"success\":true}");

        client(MARCH_10).settings().update(CallingSettingsUpdate.builder()
                .callHours(new CallHours(FeatureStatus.DISABLED, MANAUS, List.of(), List.of()))
                .build());

        assertThat(bodyOf(take()).at("/calling/call_hours/status").textValue()).isEqualTo("DISABLED");
    }

    @Test
    void sipEnabledWithoutServersAndUnknownCodecsAreRefused() {
        assertThatThrownBy(() -> client().settings().update(CallingSettingsUpdate.builder()
                        .sip(new SipSettings(FeatureStatus.ENABLED, List.of()))
                        .additionalCodecs(List.of("G729"))
                        .restrictCallIconToUserCountries(List.of("usa"))
                        .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one server")
                .hasMessageContaining("G729")
                .hasMessageContaining("'usa'");
        assertThat(server.getRequestCount()).isZero();
    }

    private WhatsAppCallingClient client(Clock clock) {
        return clientBuilder().clock(clock).build();
    }

    private void assertRefused(CallHours hours, String problem) {
        assertThatThrownBy(() -> client(MARCH_10).settings().update(
                        CallingSettingsUpdate.builder().callHours(hours).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
        assertThat(server.getRequestCount()).as("requests sent").isZero();
    }
}
