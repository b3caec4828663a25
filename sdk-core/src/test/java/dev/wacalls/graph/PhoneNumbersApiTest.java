package dev.wacalls.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wacalls.id.PhoneNumberId;
import java.util.Arrays;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersApiTest extends MockGraphTest {

    private static String number(String display, String limitField, String limit) {
        return """
                { "id": "106540352242922", "display_phone_number": "%s", "verified_name": "Acme Recruiting",
                  "quality_rating": "GREEN", "%s": "%s", "status": "CONNECTED", "platform_type": "CLOUD_API" }
                """.formatted(display, limitField, limit);
    }

    @Test
    void getRequestsTheFieldsLineEligibilityNeeds() throws Exception {
        enqueueJson(200, number("+44 7700 900123", "whatsapp_business_manager_messaging_limit", "TIER_2K"));

        PhoneNumberInfo info = client().phoneNumbers().get();

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v24.0/" + PHONE_NUMBER_ID);
        List<String> fields = Arrays.asList(request.getUrl().queryParameter("fields").split(","));
        assertThat(fields).contains("display_phone_number", "whatsapp_business_manager_messaging_limit",
                "quality_rating", "health_status", "verified_name", "status");

        assertThat(info.id()).isEqualTo(PhoneNumberId.of("106540352242922"));
        assertThat(info.displayPhoneNumber()).isEqualTo("+44 7700 900123");
        assertThat(info.verifiedName()).isEqualTo("Acme Recruiting");
        assertThat(info.messagingLimit()).isEqualTo(MessagingLimit.TIER_2K);
        assertThat(info.qualityRating()).isEqualTo(QualityRating.GREEN);
        assertThat(info.status()).isEqualTo("CONNECTED");
        assertThat(info.platformType()).isEqualTo("CLOUD_API");
        assertThat(info.healthStatus()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> at least 2000: {1}")
    @CsvSource({
        "TIER_50, false",
        "TIER_250, false",
        "TIER_1K, false",
        "TIER_2K, true",
        "TIER_10K, true",
        "TIER_100K, true",
        "TIER_UNLIMITED, true",
        "TIER_NOT_SET, false",
        "TIER_SOMETHING_NEW, false",
    })
    void theMessagingLimitDecidesWhetherCallingCanBeEnabled(String tier, boolean atLeast2000) {
        enqueueJson(200, number("+44 7700 900123", "whatsapp_business_manager_messaging_limit", tier));

        PhoneNumberInfo info = client().phoneNumbers().get();

        assertThat(info.messagingLimit().atLeast(2_000)).isEqualTo(atLeast2000);
    }

    @Test
    void tiersMapToTheirRecipientCounts() {
        assertThat(MessagingLimit.TIER_2K.uniqueRecipientsPerDay()).hasValue(2_000);
        assertThat(MessagingLimit.TIER_250.uniqueRecipientsPerDay()).hasValue(250);
        assertThat(MessagingLimit.TIER_UNLIMITED.atLeast(Long.MAX_VALUE)).isTrue();
        assertThat(MessagingLimit.TIER_NOT_SET.uniqueRecipientsPerDay()).isEmpty();
        assertThat(MessagingLimit.UNKNOWN.atLeast(0)).isFalse();
    }

    @Test
    void anUnknownTierIsReadAsUnknownAndAMissingOneAsNotSet() {
        enqueueJson(200, number("+44 7700 900123", "whatsapp_business_manager_messaging_limit", "TIER_5M"));
        enqueueJson(200, "{\"id\":\"106540352242922\",\"display_phone_number\":\"+44 7700 900123\"}");
        WhatsAppCallingClient client = client();

        assertThat(client.phoneNumbers().get().messagingLimit()).isEqualTo(MessagingLimit.UNKNOWN);
        PhoneNumberInfo bare = client.phoneNumbers().get();
        assertThat(bare.messagingLimit()).isEqualTo(MessagingLimit.TIER_NOT_SET);
        assertThat(bare.qualityRating()).isEqualTo(QualityRating.UNKNOWN);
    }

    @Test
    void theLegacyMessagingLimitTierIsStillRead() {
        enqueueJson(200, number("+44 7700 900123", "messaging_limit_tier", "TIER_10K"));

        assertThat(client().phoneNumbers().get().messagingLimit()).isEqualTo(MessagingLimit.TIER_10K);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "'+44 7700 900123', GB",
        "'15550783881', US",
        "'+1 555-078-3881', US",
        "'+49 30 1234567', DE",
        "'+55 92 98123-4567', BR",
        "'+91 98765 43210', IN",
        "'+33 1 23 45 67 89', FR",
    })
    void theCountryComesFromTheDisplayNumber(String display, String country) {
        enqueueJson(200, number(display, "whatsapp_business_manager_messaging_limit", "TIER_2K"));

        assertThat(client().phoneNumbers().get().country()).contains(country);
    }

    @Test
    void aDisplayNumberWithoutACountryCodeGivesNoCountry() {
        enqueueJson(200, number("+999 123", "whatsapp_business_manager_messaging_limit", "TIER_2K"));

        assertThat(client().phoneNumbers().get().country()).isEmpty();
    }

    @Test
    void healthStatusEntitiesAndTheirErrorsAreRead() {
        enqueueJson(200, """
                { "id": "106540352242922", "display_phone_number": "+44 7700 900123",
                  "whatsapp_business_manager_messaging_limit": "TIER_2K",
                  "health_status": {
                    "can_send_message": "LIMITED",
                    "entities": [
                      { "entity_type": "PHONE_NUMBER", "id": "106540352242922", "can_send_message": "LIMITED",
                        "can_receive_call_sip": "AVAILABLE",
                        "errors": [ { "error_code": 141006,
                                      "error_description": "There is an error with the payment method.",
                                      "possible_solution": "Add a valid payment method." } ] },
                      { "entity_type": "WABA", "id": "102290129340398", "can_send_message": "AVAILABLE" },
                      { "entity_type": "BUSINESS", "id": "2729063490586005", "can_send_message": "BLOCKED",
                        "errors": [ { "error_code": "141010", "error_description": "The Business has not passed business verification." } ] } ] } }
                """);

        HealthStatus health = client().phoneNumbers().get().healthStatus().orElseThrow();

        assertThat(health.canSendMessage()).isEqualTo("LIMITED");
        assertThat(health.blocked()).isFalse();
        assertThat(health.entities()).hasSize(3);
        HealthStatus.Entity phone = health.entities().get(0);
        assertThat(phone.entityType()).isEqualTo("PHONE_NUMBER");
        assertThat(phone.id()).isEqualTo("106540352242922");
        assertThat(phone.sipStatus()).contains("AVAILABLE");
        assertThat(phone.errors()).containsExactly(new HealthStatus.Issue(
                141006, "There is an error with the payment method.", "Add a valid payment method."));
        assertThat(health.entities().get(1).errors()).isEmpty();
        assertThat(health.entities().get(1).sipStatus()).isEmpty();
        HealthStatus.Entity business = health.entities().get(2);
        assertThat(business.canSendMessage()).isEqualTo("BLOCKED");
        assertThat(business.errors()).singleElement().satisfies(i -> {
            assertThat(i.code()).isEqualTo(141010);
            assertThat(i.possibleSolution()).isNull();
        });
    }

    @Test
    void listReadsEveryNumberOfTheWaba() throws Exception {
        enqueueJson(200, """
                { "data": [
                    { "id": "106540352242922", "display_phone_number": "+44 7700 900123", "whatsapp_business_manager_messaging_limit": "TIER_2K" },
                    { "id": "106540352242923", "display_phone_number": "+49 30 1234567", "whatsapp_business_manager_messaging_limit": "TIER_250" } ] }
                """);

        List<PhoneNumberInfo> numbers = client().phoneNumbers().list();

        RecordedRequest request = take();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v24.0/" + WABA_ID + "/phone_numbers");
        assertThat(request.getUrl().queryParameter("fields")).contains("whatsapp_business_manager_messaging_limit");
        assertThat(numbers).extracting(PhoneNumberInfo::countryCode).containsExactly("GB", "DE");
        assertThat(numbers).extracting(n -> n.messagingLimit().atLeast(2_000)).containsExactly(true, false);
    }
}
