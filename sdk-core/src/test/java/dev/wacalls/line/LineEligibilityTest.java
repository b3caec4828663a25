package dev.wacalls.line;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.MissingNode;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.wacalls.graph.CallIconVisibility;
import dev.wacalls.graph.CallingRestriction;
import dev.wacalls.graph.CallingSettings;
import dev.wacalls.graph.FeatureStatus;
import dev.wacalls.graph.MessagingLimit;
import dev.wacalls.graph.PhoneNumberInfo;
import dev.wacalls.graph.QualityRating;
import dev.wacalls.graph.RequestOptions;
import dev.wacalls.id.PhoneNumberId;
import dev.wacalls.id.WabaId;
import dev.wacalls.line.IneligibilityReason.Code;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LineEligibilityTest {
    private static final Instant NOW = Instant.parse("2026-05-04T09:00:00Z");
    private static final LineEligibility ELIGIBILITY = new LineEligibility(Clock.fixed(NOW, ZoneOffset.UTC));
    private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();

    private static final Line CONNECTED = Line.awaitingCredentials("org-1", PhoneNumberId.of("106540352242922"), "London")
            .withCredentials(WabaId.of("102290129340398"), RequestOptions.builder().accessToken("t").build());

    static PhoneNumberInfo number(String display, MessagingLimit limit) {
        return new PhoneNumberInfo(PhoneNumberId.of("106540352242922"), display, null, "Acme Recruiting", limit,
                QualityRating.GREEN, "CONNECTED", "CLOUD_API", null, MissingNode.getInstance());
    }

    static CallingSettings settings(List<CallingRestriction> restrictions) {
        return new CallingSettings(FeatureStatus.ENABLED, CallIconVisibility.DEFAULT, List.of(), null,
                FeatureStatus.DISABLED, null, List.of(), null, restrictions, MissingNode.getInstance());
    }

    @ParameterizedTest(name = "{0} ({1}) may call")
    @CsvSource({
        "+44 7700 900123, United Kingdom (a drama number libphonenumber calls invalid: its calling code decides)",
        "+44 20 7946 0958, London",
        "+380 44 123 4567, Kyiv",
        "+380 50 123 4567, Ukrainian mobile",
        "+380 61 123 4567, Zaporizhzhia oblast (not on Meta's list)",
        "+7 495 123 4567, Moscow",
        "+7 916 123 4567, Russian mobile",
        "+7 701 123 4567, Kazakhstan (shares +7)",
        "+49 30 901820, Berlin",
        "+55 11 91234 5678, Sao Paulo",
        "+90 212 345 6789, Istanbul (only third-party lists name Turkey)",
        "442079460958, digits without a plus as Meta sometimes writes them",
    })
    void numbersOfAllowedCountriesAreEligible(String display, String where) {
        assertThat(ELIGIBILITY.check(CONNECTED, number(display, MessagingLimit.TIER_10K)))
                .isInstanceOf(Eligibility.Eligible.class);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
        "+98 912 345 6789  | IR    | Region restriction: calling is not available in Iran",
        "+53 5 1234567     | CU    | Region restriction: calling is not available in Cuba",
        "+850 2 381 2345   | KP    | Region restriction: calling is not available in North Korea",
        "+850 191 234 5678 | KP    | Region restriction: calling is not available in North Korea",
        "+963 944 567 890  | SY    | Region restriction: calling is not available in Syria",
        "+963 11 234 5678  | SY    | Region restriction: calling is not available in Syria",
        "+380 65 123 4567  | UA-43 | Region restriction: calling is not available in Crimea",
        "+380 652 123 456  | UA-43 | Region restriction: calling is not available in Crimea",
        "+380 692 123 456  | UA-40 | Region restriction: calling is not available in Sevastopol (Crimea)",
        "+380 62 123 4567  | UA-14 | Region restriction: calling is not available in the Donetsk region",
        "+380 622 123 456  | UA-14 | Region restriction: calling is not available in the Donetsk region",
        "+380 71 123 4567  | UA-14 | Region restriction: calling is not available in the Donetsk region",
        "+380 64 123 4567  | UA-09 | Region restriction: calling is not available in the Luhansk region",
        "+380 642 123 456  | UA-09 | Region restriction: calling is not available in the Luhansk region",
        "+380 72 123 4567  | UA-09 | Region restriction: calling is not available in the Luhansk region",
        "+7 978 123 4567   | UA-43 | Region restriction: calling is not available in Crimea",
        "+7 3652 123 456   | UA-43 | Region restriction: calling is not available in Crimea",
        "+7 3654 12 3456   | UA-43 | Region restriction: calling is not available in Crimea",
        "+7 8692 12 3456   | UA-40 | Region restriction: calling is not available in Sevastopol (Crimea)",
        "+7 949 123 4567   | UA-14 | Region restriction: calling is not available in the Donetsk region",
        "+7 856 123 4567   | UA-14 | Region restriction: calling is not available in the Donetsk region",
        "+7 959 123 4567   | UA-09 | Region restriction: calling is not available in the Luhansk region",
        "+7 857 123 4567   | UA-09 | Region restriction: calling is not available in the Luhansk region",
    })
    void numbersWhereCallingIsUnavailableAreRegionRestricted(String display, String region, String text) {
        Eligibility e = ELIGIBILITY.check(CONNECTED, number(display, MessagingLimit.TIER_10K));

        assertThat(e.reasons()).containsExactly(new IneligibilityReason(Code.REGION_RESTRICTED, text, region, null));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
        "+1 212 736 5000   | US | Region restriction: business-initiated calling is not available for numbers of the United States",
        "+1 415 555 2671   | US | Region restriction: business-initiated calling is not available for numbers of the United States",
        "+1 416 979 5000   | CA | Region restriction: business-initiated calling is not available for numbers of Canada",
        "+1 604 555 0123   | CA | Region restriction: business-initiated calling is not available for numbers of Canada",
        "+20 10 1234 5678  | EG | Region restriction: business-initiated calling is not available for numbers of Egypt",
        "+20 2 2345 6789   | EG | Region restriction: business-initiated calling is not available for numbers of Egypt",
        "+84 91 234 56 78  | VN | Region restriction: business-initiated calling is not available for numbers of Vietnam",
        "+234 803 123 4567 | NG | Region restriction: business-initiated calling is not available for numbers of Nigeria",
    })
    void numbersOfCountriesWithoutBusinessCallingAreRefused(String display, String country, String text) {
        Eligibility e = ELIGIBILITY.check(CONNECTED, number(display, MessagingLimit.TIER_UNLIMITED));

        assertThat(e.reasons()).containsExactly(
                new IneligibilityReason(Code.BUSINESS_CALLING_UNAVAILABLE_IN_COUNTRY, text, country, null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"+999 123 4567", "+800 1234 5678", "not a number"})
    void aNumberWhoseCountryCannotBeToldIsNotEligible(String display) {
        Eligibility e = ELIGIBILITY.check(CONNECTED, number(display, MessagingLimit.TIER_10K));

        assertThat(e.reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(Code.UNKNOWN_COUNTRY);
            assertThat(r.text()).isEqualTo("Region restriction: the country of " + display + " could not be determined");
        });
    }

    /** Why the area-code rule exists: libphonenumber takes these for ordinary Russian or Ukrainian numbers. */
    @ParameterizedTest(name = "{0} is a valid {1} number")
    @CsvSource({
        "+7 978 123 4567, RU", "+7 3652 123 456, RU", "+7 869 212 3456, RU", "+7 949 123 4567, RU",
        "+7 959 123 4567, RU", "+7 856 123 4567, RU", "+7 857 123 4567, RU",
        "+380 65 123 4567, UA", "+380 692 123 456, UA", "+380 62 123 4567, UA", "+380 64 123 4567, UA",
        "+380 71 123 4567, UA", "+380 72 123 4567, UA",
    })
    void occupiedRegionNumbersLookLikeOrdinaryNumbersToLibphonenumber(String display, String region) throws Exception {
        Phonenumber.PhoneNumber n = PHONE_NUMBERS.parse(display, "ZZ");

        assertThat(PHONE_NUMBERS.isValidNumber(n)).isTrue();
        assertThat(PHONE_NUMBERS.getRegionCodeForNumber(n)).isEqualTo(region);
    }

    static Stream<String> supportedRegions() {
        return PHONE_NUMBERS.getSupportedRegions().stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supportedRegions")
    void everyCountrysExampleNumberGetsItsCountrysRule(String region) {
        Phonenumber.PhoneNumber example = PHONE_NUMBERS.getExampleNumber(region);
        if (example == null) {
            return;
        }
        String display = PHONE_NUMBERS.format(example, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);

        List<IneligibilityReason> reasons = ELIGIBILITY.checkRegion(display);

        if (Set.of("CU", "IR", "KP", "SY").contains(region)) {
            assertThat(reasons).extracting(IneligibilityReason::code).containsExactly(Code.REGION_RESTRICTED);
        } else if (Set.of("US", "CA", "EG", "VN", "NG").contains(region)) {
            assertThat(reasons).extracting(IneligibilityReason::code)
                    .containsExactly(Code.BUSINESS_CALLING_UNAVAILABLE_IN_COUNTRY);
        } else {
            assertThat(reasons).as(display).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = MessagingLimit.class, names = {"TIER_2K", "TIER_10K", "TIER_100K", "TIER_UNLIMITED"})
    void aMessagingLimitOfAtLeast2000IsEnough(MessagingLimit limit) {
        assertThat(ELIGIBILITY.check(CONNECTED, number("+44 20 7946 0958", limit)).isEligible()).isTrue();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "TIER_50, 'Messaging limit below 2,000 (current: 50)'",
        "TIER_250, 'Messaging limit below 2,000 (current: 250)'",
        "TIER_1K, 'Messaging limit below 2,000 (current: 1,000)'",
        "TIER_NOT_SET, 'Messaging limit below 2,000 (current: not set)'",
        "UNKNOWN, 'Messaging limit below 2,000 (current: unknown)'",
    })
    void aMessagingLimitBelow2000OrNotKnownIsTooLow(MessagingLimit limit, String text) {
        Eligibility e = ELIGIBILITY.check(CONNECTED, number("+44 20 7946 0958", limit));

        assertThat(e.reasons()).containsExactly(
                new IneligibilityReason(Code.MESSAGING_LIMIT_TOO_LOW, text, null, null));
    }

    @Test
    void aLineWithoutCredentialsIsNotEligible() {
        Line waiting = Line.awaitingCredentials("org-1", PhoneNumberId.of("106540352242922"), "London");

        Eligibility e = ELIGIBILITY.check(waiting, number("+44 20 7946 0958", MessagingLimit.TIER_10K));

        assertThat(e).isEqualTo(new Eligibility.Ineligible(List.of(IneligibilityReason.credentialsNotRetrieved())));
        assertThat(((Eligibility.Ineligible) e).summary()).isEqualTo("Credentials not retrieved yet");
    }

    @Test
    void credentialsWithoutABusinessAccountAreNotEnough() {
        Line noWaba = new Line("org-1", PhoneNumberId.of("106540352242922"), null,
                RequestOptions.builder().accessToken("t").build(), "London");
        Line wabaOnCredentials = new Line("org-1", PhoneNumberId.of("106540352242922"), null,
                RequestOptions.builder().accessToken("t").wabaId(WabaId.of("102290129340398")).build(), "London");

        assertThat(noWaba.credentialsRetrieved()).isFalse();
        assertThat(noWaba.requestOptions()).isEmpty();
        assertThat(wabaOnCredentials.credentialsRetrieved()).isTrue();
        assertThat(wabaOnCredentials.requestOptions().orElseThrow().phoneNumberId())
                .contains(PhoneNumberId.of("106540352242922"));
    }

    @Test
    void everyReasonIsListedSoTheAdminSeesAllThereIsToFix() {
        Line waiting = Line.awaitingCredentials("org-1", PhoneNumberId.of("106540352242922"), "Tehran");

        Eligibility e = ELIGIBILITY.check(waiting, number("+98 912 345 6789", MessagingLimit.TIER_250));

        assertThat(e.reasons()).extracting(IneligibilityReason::code).containsExactly(
                Code.CREDENTIALS_NOT_RETRIEVED, Code.MESSAGING_LIMIT_TOO_LOW, Code.REGION_RESTRICTED);
        assertThat(((Eligibility.Ineligible) e).summary()).isEqualTo("Credentials not retrieved yet; "
                + "Messaging limit below 2,000 (current: 250); Region restriction: calling is not available in Iran");
    }

    @Test
    void aBusinessCallingRestrictionInForceBlocksUntilItExpires() {
        Instant until = NOW.plus(Duration.ofDays(5));
        CallingRestriction pause = new CallingRestriction(CallingRestriction.BUSINESS_INITIATED,
                "Business initiated calling has been temporarily disabled due to high negative feedback from users.",
                until);

        Eligibility e = ELIGIBILITY.check(CONNECTED, number("+44 20 7946 0958", MessagingLimit.TIER_10K),
                settings(List.of(pause)));

        assertThat(e.reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(Code.CALLING_RESTRICTED_BY_META);
            assertThat(r.text()).isEqualTo("Business-initiated calling restricted by Meta until 2026-05-09 09:00 UTC");
            assertThat(r.untilTime()).contains(until);
        });
    }

    @Test
    void aRestrictionWithoutExpiryBlocksWithoutAnEndTime() {
        CallingRestriction pause = new CallingRestriction(CallingRestriction.BUSINESS_INITIATED, null, null);

        Eligibility e = ELIGIBILITY.check(CONNECTED, number("+44 20 7946 0958", MessagingLimit.TIER_10K),
                settings(List.of(pause)));

        assertThat(e.reasons()).extracting(IneligibilityReason::text)
                .containsExactly("Business-initiated calling restricted by Meta");
    }

    @Test
    void expiredAndUserInitiatedRestrictionsDoNotBlock() {
        CallingRestriction expired = new CallingRestriction(
                CallingRestriction.BUSINESS_INITIATED, null, NOW.minusSeconds(1));
        CallingRestriction userSide = new CallingRestriction(
                CallingRestriction.USER_INITIATED, null, NOW.plus(Duration.ofDays(7)));

        Eligibility e = ELIGIBILITY.check(CONNECTED, number("+44 20 7946 0958", MessagingLimit.TIER_10K),
                settings(List.of(expired, userSide)));

        assertThat(e.isEligible()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+380 65 123 4567", "+7 978 123 4567"})
    void theRegionCanBeCheckedBeforeTheLineIsConnected(String display) {
        assertThat(ELIGIBILITY.checkRegion(display)).extracting(IneligibilityReason::code)
                .containsExactly(Code.REGION_RESTRICTED);
    }
}
