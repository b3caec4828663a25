package dev.wacalls.webhook;

import static dev.wacalls.webhook.WebhookFixtures.ANSWER_SDP;
import static dev.wacalls.webhook.WebhookFixtures.BIC_BUSINESS_NUMBER;
import static dev.wacalls.webhook.WebhookFixtures.BIC_CALL_ID;
import static dev.wacalls.webhook.WebhookFixtures.BIC_USER_NUMBER;
import static dev.wacalls.webhook.WebhookFixtures.BUSINESS_NUMBER;
import static dev.wacalls.webhook.WebhookFixtures.OFFER_SDP;
import static dev.wacalls.webhook.WebhookFixtures.PHONE_NUMBER_ID;
import static dev.wacalls.webhook.WebhookFixtures.UIC_CALL_ID;
import static dev.wacalls.webhook.WebhookFixtures.USER_NUMBER;
import static dev.wacalls.webhook.WebhookFixtures.WABA_ID;
import static dev.wacalls.webhook.WebhookFixtures.fixture;
import static dev.wacalls.webhook.WebhookFixtures.parseFixture;
import static dev.wacalls.webhook.WebhookFixtures.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wacalls.error.MetaError;
import dev.wacalls.error.MetaErrorCode;
import dev.wacalls.graph.CallIconVisibility;
import dev.wacalls.graph.FeatureStatus;
import dev.wacalls.graph.SrtpKeyExchange;
import dev.wacalls.id.Bsuid;
import dev.wacalls.id.CallId;
import dev.wacalls.id.MessageId;
import dev.wacalls.id.PhoneNumberId;
import dev.wacalls.id.WaId;
import dev.wacalls.id.WabaId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every documented payload (src/test/resources/webhooks) read into its typed event. */
class WebhookParsingTest {

    private static final EventContext CALLS_CONTEXT = new EventContext(
            WabaId.of(WABA_ID), PhoneNumberId.of(PHONE_NUMBER_ID), BUSINESS_NUMBER, "calls");
    private static final EventContext BIC_CALLS_CONTEXT = new EventContext(
            WabaId.of(WABA_ID), PhoneNumberId.of(PHONE_NUMBER_ID), BIC_BUSINESS_NUMBER, "calls");
    private static final EventContext MESSAGES_CONTEXT = new EventContext(
            WabaId.of(WABA_ID), PhoneNumberId.of(PHONE_NUMBER_ID), BUSINESS_NUMBER, "messages");

    private static Instant at(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds);
    }

    private static WebhookBatch parseTree(com.fasterxml.jackson.databind.JsonNode tree) {
        return WebhookFixtures.strict().parseWithoutVerification(WebhookFixtures.compact(tree));
    }

    private static ObjectNode firstCall(com.fasterxml.jackson.databind.JsonNode tree) {
        return (ObjectNode) tree.get("entry").get(0).get("changes").get(0).get("value").get("calls").get(0);
    }

    @Test
    void everyValidFixtureParsesAndCarriesTheEnvelopeObject() {
        List<String> names = WebhookFixtures.validFixtureNames();
        assertThat(names).hasSizeGreaterThanOrEqualTo(28);
        for (String name : names) {
            WebhookBatch batch = parseFixture(name);
            assertThat(batch.object()).as(name).isEqualTo("whatsapp_business_account");
            assertThat(batch.events()).as(name).isNotEmpty();
        }
    }

    @Nested
    class Connect {
        @Test
        void aUserInitiatedConnectCarriesMetasOfferCallerAndPayloads() {
            CallConnect c = single(parseFixture("connect-user-initiated.json"), CallConnect.class);

            assertThat(c.context()).isEqualTo(CALLS_CONTEXT);
            assertThat(c.callId()).isEqualTo(CallId.of(UIC_CALL_ID));
            assertThat(c.direction()).isEqualTo(CallDirection.USER_INITIATED);
            assertThat(c.user().waId()).isEqualTo(WaId.of(USER_NUMBER));
            assertThat(c.user().profileName()).isEqualTo("Pablo Morales");
            assertThat(c.user().bsuid()).isNull();
            assertThat(c.user().ref()).contains(WaId.of(USER_NUMBER));
            assertThat(c.businessNumber()).isEqualTo(BUSINESS_NUMBER);
            assertThat(c.timestamp()).contains(at(1671644824L));
            assertThat(c.sdpType()).isEqualTo("offer");
            assertThat(c.isOffer()).isTrue();
            assertThat(c.deeplinkPayload()).isEqualTo("order-ON-12853");
            assertThat(c.ctaPayload()).isEqualTo("support_callback_button");
            assertThat(c.bizOpaqueCallbackData()).isNull();
        }

        @Test
        void theSdpIsDeliveredExactlyWithItsCrlfLineEndings() {
            CallConnect c = single(parseFixture("connect-user-initiated.json"), CallConnect.class);
            assertThat(c.sdp()).isEqualTo(OFFER_SDP);
            assertThat(c.sdp()).endsWith("a=ssrc:4208138518 cname:gAXq2V9TKltrnapv\r\n");
            assertThat(c.sdp().replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        }

        @Test
        void aBusinessInitiatedConnectCarriesMetasAnswerCalleeAndOpaqueData() {
            CallConnect c = single(parseFixture("connect-business-initiated.json"), CallConnect.class);

            assertThat(c.context()).isEqualTo(BIC_CALLS_CONTEXT);
            assertThat(c.callId()).isEqualTo(CallId.of(BIC_CALL_ID));
            assertThat(c.direction()).isEqualTo(CallDirection.BUSINESS_INITIATED);
            assertThat(c.user().waId()).isEqualTo(WaId.of(BIC_USER_NUMBER));
            assertThat(c.businessNumber()).isEqualTo(BIC_BUSINESS_NUMBER);
            assertThat(c.timestamp()).contains(at(1749196895L));
            assertThat(c.sdpType()).isEqualTo("answer");
            assertThat(c.isOffer()).isFalse();
            assertThat(c.sdp()).isEqualTo(ANSWER_SDP);
            assertThat(c.bizOpaqueCallbackData()).isEqualTo("TRx334DUDFTI4Mj");
            assertThat(c.deeplinkPayload()).isNull();
            assertThat(c.ctaPayload()).isNull();
        }

        @Test
        void whenBothSessionAndTheLegacyFieldArePresentSessionWins() throws Exception {
            var tree = WebhookFixtures.tree(fixture("connect-business-initiated.json"));
            String otherSdp = ANSWER_SDP.replace("a=setup:active", "a=setup:passive");
            ((ObjectNode) firstCall(tree).get("connection").get("webrtc")).put("sdp",
                    WebhookFixtures.MAPPER.writeValueAsString(Map.of("sdp", otherSdp, "type", "pranswer")));

            CallConnect c = single(parseTree(tree), CallConnect.class);
            assertThat(c.sdp()).isEqualTo(ANSWER_SDP);
            assertThat(c.sdpType()).isEqualTo("answer");
        }

        @Test
        void aConnectWithOnlyTheLegacyJsonEncodedSdpIsUnwrapped() {
            CallConnect c = single(parseFixture("connect-legacy-only.json"), CallConnect.class);
            assertThat(c.callId()).isEqualTo(CallId.of(BIC_CALL_ID));
            assertThat(c.sdp()).isEqualTo(ANSWER_SDP);
            assertThat(c.sdpType()).isEqualTo("answer");
            assertThat(c.bizOpaqueCallbackData()).isEqualTo("TRx334DUDFTI4Mj");
        }

        @Test
        void aConnectWithOnlyALegacyPlainSdpStringIsReadAsIs() {
            var tree = WebhookFixtures.tree(fixture("connect-legacy-only.json"));
            ((ObjectNode) firstCall(tree).get("connection").get("webrtc")).put("sdp", ANSWER_SDP);

            CallConnect c = single(parseTree(tree), CallConnect.class);
            assertThat(c.sdp()).isEqualTo(ANSWER_SDP);
            assertThat(c.sdpType()).isEqualTo("answer");
        }

        @Test
        void aBsuidOnlyConnectIdentifiesTheCallerByBusinessScopedIdsAndUsername() {
            CallConnect c = single(parseFixture("connect-bsuid-only.json"), CallConnect.class);

            assertThat(c.callId().value())
                    .isEqualTo("wacid.HBgLMTYzMTU1NTM2MDIVAgASGCA5RTdCNEI3QjQ0RjI4MDQ2QkI2QjVGODBBQ0Q5NUJEMwA=");
            assertThat(c.user().waId()).isNull();
            assertThat(c.user().phone()).isEmpty();
            assertThat(c.user().bsuid()).isEqualTo(Bsuid.of("US.13491208655302741918"));
            assertThat(c.user().parentBsuid()).isEqualTo(Bsuid.of("US.ENT.11815799212886844830"));
            assertThat(c.user().profileName()).isEqualTo("Sheena Nelson");
            assertThat(c.user().username()).isEqualTo("@sheena.nelson");
            assertThat(c.user().ref()).contains(Bsuid.of("US.13491208655302741918"));
            assertThat(c.businessNumber()).isEqualTo(BUSINESS_NUMBER);
            assertThat(c.sdp()).isEqualTo(OFFER_SDP);
            assertThat(c.timestamp()).contains(at(1775001600L));
        }

        @Test
        void aSipCallCreatedEventIsAConnectWithoutSdp() {
            CallCreated c = single(parseFixture("call-created-sip.json"), CallCreated.class);
            assertThat(c.context()).isEqualTo(CALLS_CONTEXT);
            assertThat(c.direction()).isEqualTo(CallDirection.USER_INITIATED);
            assertThat(c.user().waId()).isEqualTo(WaId.of(USER_NUMBER));
            assertThat(c.user().profileName()).isEqualTo("Pablo Morales");
            assertThat(c.businessNumber()).isEqualTo(BUSINESS_NUMBER);
            assertThat(c.timestamp()).contains(at(1781000000L));
            assertThat(c.idempotencyKey()).isEqualTo("call:" + c.callId().value() + ":created");
        }
    }

    @Nested
    class Status {
        static Stream<Arguments> statuses() {
            return Stream.of(
                    Arguments.of("status-ringing.json", CallStatus.RINGING, "RINGING", 1749196890L),
                    Arguments.of("status-accepted.json", CallStatus.ACCEPTED, "ACCEPTED", 1749196897L),
                    Arguments.of("status-rejected.json", CallStatus.REJECTED, "REJECTED", 1749196893L));
        }

        @ParameterizedTest
        @MethodSource("statuses")
        void aBusinessInitiatedCallStatusIsReadWithRecipientAndOpaqueData(
                String file, CallStatus status, String raw, long timestamp) {
            CallStatusUpdate s = single(parseFixture(file), CallStatusUpdate.class);
            assertThat(s.context()).isEqualTo(BIC_CALLS_CONTEXT);
            assertThat(s.callId()).isEqualTo(CallId.of(BIC_CALL_ID));
            assertThat(s.status()).isEqualTo(status);
            assertThat(s.rawStatus()).isEqualTo(raw);
            assertThat(s.recipient().waId()).isEqualTo(WaId.of(BIC_USER_NUMBER));
            assertThat(s.timestamp()).contains(at(timestamp));
            assertThat(s.bizOpaqueCallbackData()).isEqualTo("TRx334DUDFTI4Mj");
        }
    }

    @Nested
    class Terminate {
        @Test
        void aCompletedCallCarriesStartEndAndDuration() {
            CallTerminate t = single(parseFixture("terminate-completed.json"), CallTerminate.class);
            assertThat(t.context()).isEqualTo(BIC_CALLS_CONTEXT);
            assertThat(t.callId()).isEqualTo(CallId.of(BIC_CALL_ID));
            assertThat(t.direction()).isEqualTo(CallDirection.BUSINESS_INITIATED);
            assertThat(t.user().waId()).isEqualTo(WaId.of(BIC_USER_NUMBER));
            assertThat(t.businessNumber()).isEqualTo(BIC_BUSINESS_NUMBER);
            assertThat(t.status()).isEqualTo(TerminateStatus.COMPLETED);
            assertThat(t.timestamp()).contains(at(1749197015L));
            assertThat(t.startTime()).isEqualTo(at(1749196895L));
            assertThat(t.endTime()).isEqualTo(at(1749197015L));
            assertThat(t.duration()).isEqualTo(Duration.ofSeconds(120));
            assertThat(t.connectedFor()).contains(Duration.ofMinutes(2));
            assertThat(t.answered()).isTrue();
            assertThat(t.errors()).isEmpty();
            assertThat(t.bizOpaqueCallbackData()).isEqualTo("TRx334DUDFTI4Mj");
        }

        @Test
        void aMixedCaseFailedStatusWithValueLevelErrorsGivesTheMediaTimeoutReason() {
            WebhookBatch batch = parseFixture("terminate-failed-errors.json");
            CallTerminate t = single(batch, CallTerminate.class);
            assertThat(t.context()).isEqualTo(CALLS_CONTEXT);
            assertThat(t.callId()).isEqualTo(CallId.of(UIC_CALL_ID));
            assertThat(t.direction()).isEqualTo(CallDirection.USER_INITIATED);
            assertThat(t.user().waId()).isEqualTo(WaId.of(USER_NUMBER));
            assertThat(t.user().profileName()).isEqualTo("Pablo Morales");
            assertThat(t.status()).isEqualTo(TerminateStatus.FAILED);
            assertThat(t.timestamp()).contains(at(1671644850L));
            assertThat(t.startTime()).isNull();
            assertThat(t.endTime()).isNull();
            assertThat(t.duration()).isNull();
            assertThat(t.answered()).isFalse();

            assertThat(t.errors()).hasSize(1);
            MetaError e = t.errors().get(0);
            assertThat(e.code()).isEqualTo(138021);
            assertThat(e.errorCode()).isEqualTo(MetaErrorCode.MEDIA_RECEIVE_TIMEOUT);
            assertThat(e.message()).isEqualTo("Media receive timeout");
            assertThat(e.details()).isEqualTo(
                    "No media was received from the business within 20 seconds of accepting the call.");
            assertThat(e.href()).isEqualTo("https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/");
        }

        @Test
        void numbersSentAsStringsAndStringsSentAsNumbersAreBothRead() {
            CallTerminate t = single(parseFixture("terminate-numbers-as-strings.json"), CallTerminate.class);
            assertThat(t.status()).isEqualTo(TerminateStatus.COMPLETED);
            assertThat(t.duration()).isEqualTo(Duration.ofSeconds(120));
            assertThat(t.timestamp()).contains(at(1671644944L));
            assertThat(t.startTime()).isEqualTo(at(1671644824L));
            assertThat(t.endTime()).isEqualTo(at(1671644944L));
        }
    }

    @Nested
    class PermissionReply {
        private static final String REQUEST = "wamid.HBgLMTYzMTU1NTM2MDIVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA";
        private static final String USER_CALL =
                "wacid.HBgLMTYzMTU1NTM2MDIVAgASGCA3NUEyRjJFNjQ4NEQ1RjU0MTRCRjBDNUZFQTdGQzMyNgA=";

        /** The six scenarios of the §3.6 table. */
        static Stream<Arguments> scenarios() {
            return Stream.of(
                    Arguments.of("permission-reply-temporary-accept.json",
                            "wamid.HBgLMTYzMTU1NTM2MDIVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=", 1760540400L,
                            PermissionResponse.ACCEPT, false, 1761145200L, ResponseSource.USER_ACTION, REQUEST, null),
                    Arguments.of("permission-reply-permanent-accept.json",
                            "wamid.HBgLMTYzMTU1NTM2MDIVAgASGBQzQUI3RDU1RDBEMjA1NTNDRjc5MAA=", 1760540400L,
                            PermissionResponse.ACCEPT, true, null, ResponseSource.USER_ACTION, REQUEST, null),
                    Arguments.of("permission-reply-permanent-accept-profile.json",
                            "wamid.HBgLMTYzMTU1NTM2MDIVAgASGBQzQUMyOUE3NDdGNkY2QzlCNUE1RQA=", 1760540400L,
                            PermissionResponse.ACCEPT, true, null, ResponseSource.USER_ACTION, null, null),
                    Arguments.of("permission-reply-reject.json",
                            "wamid.HBgLMTYzMTU1NTM2MDIVAgASGBQzQUQ4MTk2RjhGQjUxRjBBQTM4NAA=", 1760540400L,
                            PermissionResponse.REJECT, false, null, ResponseSource.USER_ACTION, REQUEST, null),
                    Arguments.of("permission-reply-automatic-callback.json",
                            "wamid.HBgLMTYzMTU1NTM2MDIVAgASGBQzQUU0QzlGMDE3NTYzQjI5NkU4MQA=", 1760540460L,
                            PermissionResponse.ACCEPT, false, 1761145260L, ResponseSource.AUTOMATIC, null, USER_CALL),
                    Arguments.of("permission-reply-auto-revoke.json",
                            "wamid.HBgLMTYzMTU1NTM2MDIVAgASGBQzQUY1MEMzOTI4OTRBQ0EzNzYwMgA=", 1762000000L,
                            PermissionResponse.REJECT, false, null, ResponseSource.AUTOMATIC, null, null));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("scenarios")
        void eachDocumentedScenarioIsReadWithItsContext(String file, String messageId, long timestamp,
                PermissionResponse response, boolean permanent, Long expiresAt, ResponseSource source,
                String contextMessageId, String contextCallId) {
            CallPermissionReply r = single(parseFixture(file), CallPermissionReply.class);

            assertThat(r.context()).isEqualTo(MESSAGES_CONTEXT);
            assertThat(r.messageId()).isEqualTo(MessageId.of(messageId));
            assertThat(r.user().waId()).isEqualTo(WaId.of(USER_NUMBER));
            assertThat(r.user().profileName()).isEqualTo("Pablo Morales");
            assertThat(r.timestamp()).contains(at(timestamp));
            assertThat(r.response()).isEqualTo(response);
            assertThat(r.granted()).isEqualTo(response == PermissionResponse.ACCEPT);
            assertThat(r.permanent()).isEqualTo(permanent);
            assertThat(r.expiresAt()).isEqualTo(expiresAt == null ? null : at(expiresAt));
            assertThat(r.source()).isEqualTo(source);
            assertThat(r.contextMessageId()).isEqualTo(contextMessageId == null ? null : MessageId.of(contextMessageId));
            assertThat(r.contextCallId()).isEqualTo(contextCallId == null ? null : CallId.of(contextCallId));
            assertThat(r.idempotencyKey()).isEqualTo("message:" + messageId);
        }
    }

    @Nested
    class RecordingAndTranscription {
        @Test
        void aRecordingIsAnnouncedWithItsMediaIdChecksumTypeAndUrl() {
            CallRecordingAvailable r = single(parseFixture("call-recording-available.json"), CallRecordingAvailable.class);
            assertThat(r.context()).isEqualTo(CALLS_CONTEXT);
            assertThat(r.callId()).isEqualTo(CallId.of(UIC_CALL_ID));
            assertThat(r.timestamp()).contains(at(1671644990L));
            assertThat(r.audio()).isEqualTo(new MediaFile("1166397358654417",
                    "9f2c4e1b7a6d3f08c5e2b19a4d7f6031e8c2a5b9d04f7e6a13c8b2d5f9e0a471",
                    "audio/ogg; codecs=opus",
                    "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1166397358654417&ext=1671645290"
                            + "&hash=ATsbDdWv0Q0b9mKXcY3z1hF8pLrT5nGq2eJkW7uVx4IyOs"));
        }

        @Test
        void aTranscriptIsAnnouncedWithItsDocument() {
            CallTranscriptionAvailable t =
                    single(parseFixture("call-transcription-available.json"), CallTranscriptionAvailable.class);
            assertThat(t.context()).isEqualTo(CALLS_CONTEXT);
            assertThat(t.callId()).isEqualTo(CallId.of(UIC_CALL_ID));
            assertThat(t.timestamp()).contains(at(1671645012L));
            assertThat(t.document()).isEqualTo(new MediaFile("1283475619871234",
                    "47b1e0c93a5f28d6e1b47c09a3f5d82e6c1b94a07d3e58f2b6c09a1d4e7f3b28",
                    "application/json",
                    "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1283475619871234&ext=1671645312"
                            + "&hash=ATuR3mW8kQz1VbN5xY0cP7sLdJ2hF9gT4eKo6aZiUq"));
        }
    }

    @Nested
    class Account {
        @Test
        void aSettingsUpdateReportsTheWatchedCallingFields() {
            AccountSettingsUpdate s = single(parseFixture("account-settings-update.json"), AccountSettingsUpdate.class);
            assertThat(s.context()).isEqualTo(new EventContext(WabaId.of(WABA_ID), null, null, "account_settings_update"));
            assertThat(s.phoneNumberId()).isEqualTo(PhoneNumberId.of(PHONE_NUMBER_ID));
            assertThat(s.callingStatus()).isEqualTo(FeatureStatus.ENABLED);
            assertThat(s.callIconVisibility()).isEqualTo(CallIconVisibility.DEFAULT);
            assertThat(s.callbackPermissionStatus()).isEqualTo(FeatureStatus.ENABLED);
            assertThat(s.sipStatus()).isEqualTo(FeatureStatus.DISABLED);
            assertThat(s.srtpKeyExchange()).isEqualTo(SrtpKeyExchange.DTLS);
            assertThat(s.calling().path("sip").path("status").asText()).isEqualTo("DISABLED");
            assertThat(s.timestamp()).as("the entry's time").contains(at(1753110120L));
        }

        @Test
        void anAccountViolationNamesTheViolation() {
            AccountViolation v = single(parseFixture("account-update-violation.json"), AccountViolation.class);
            assertThat(v.context()).isEqualTo(new EventContext(WabaId.of(WABA_ID), null, null, "account_update"));
            assertThat(v.violationType()).isEqualTo("LOW_USER_INITIATED_CALLING_QUALITY");
            assertThat(v.timestamp()).contains(at(1769522400L));
        }

        @Test
        void anAccountRestrictionListsEachRestrictionWithItsExpiration() {
            AccountRestriction r = single(parseFixture("account-update-restriction.json"), AccountRestriction.class);
            assertThat(r.context().field()).isEqualTo("account_update");
            assertThat(r.context().wabaId()).isEqualTo(WabaId.of(WABA_ID));
            assertThat(r.timestamp()).contains(at(1769522400L));
            assertThat(r.restrictions()).containsExactly(
                    new AccountRestriction.Restriction("RESTRICTED_BUSINESS_INITIATED_CALLING", at(1770127200L)),
                    new AccountRestriction.Restriction(
                            "RESTRICTED_USER_INITIATED_CALLING_CALL_BUTTON_HIDDEN", at(1770127200L)));
        }
    }

    @Nested
    class MessageStatuses {
        @Test
        void aSentStatusOfThePermissionRequestIsRead() {
            MessageStatusUpdate s = single(parseFixture("message-status-sent.json"), MessageStatusUpdate.class);
            assertThat(s.context()).isEqualTo(MESSAGES_CONTEXT);
            assertThat(s.messageId()).isEqualTo(MessageId.of("wamid.HBgLMTYzMTU1NTM2MDIVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA"));
            assertThat(s.status()).isEqualTo(MessageStatus.SENT);
            assertThat(s.rawStatus()).isEqualTo("sent");
            assertThat(s.recipient().waId()).isEqualTo(WaId.of(USER_NUMBER));
            assertThat(s.timestamp()).contains(at(1760540100L));
            assertThat(s.errors()).isEmpty();
        }

        @Test
        void aFailedStatusCarriesTheReason() {
            MessageStatusUpdate s = single(parseFixture("message-status-failed.json"), MessageStatusUpdate.class);
            assertThat(s.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(s.timestamp()).contains(at(1760540130L));
            assertThat(s.errors()).hasSize(1);
            MetaError e = s.errors().get(0);
            assertThat(e.code()).isEqualTo(131026);
            assertThat(e.errorCode()).isEqualTo(MetaErrorCode.RECEIVER_APP_TOO_OLD);
            assertThat(e.title()).isEqualTo("Message undeliverable");
            assertThat(e.message()).isEqualTo("Message undeliverable");
            assertThat(e.details()).isEqualTo("Message Undeliverable.");
        }
    }

    @Nested
    class Unknowns {
        @Test
        void anOrdinaryTextMessageIsDeliveredAsUnknownMessagesText() {
            Unknown u = single(parseFixture("message-text.json"), Unknown.class);
            assertThat(u.kind()).isEqualTo("messages/text");
            assertThat(u.context()).isEqualTo(MESSAGES_CONTEXT);
            assertThat(u.problem()).isNull();
            assertThat(u.malformation()).isEmpty();
            assertThat(u.timestamp()).contains(at(1760540000L));
            assertThat(u.raw().path("text").path("body").asText()).isEqualTo("Hi, can you call me about order ON-12853?");
            assertThat(u.rawJson()).contains("\"type\":\"text\"");
        }

        @Test
        void anUnmodelledWebhookFieldIsDeliveredAsUnknownWithItsName() {
            Unknown u = single(parseFixture("unknown-field-phone-number-quality.json"), Unknown.class);
            assertThat(u.kind()).isEqualTo("phone_number_quality_update");
            assertThat(u.context().field()).isEqualTo("phone_number_quality_update");
            assertThat(u.context().wabaId()).isEqualTo(WabaId.of(WABA_ID));
            assertThat(u.problem()).isNull();
            assertThat(u.timestamp()).as("the entry's time").contains(at(1760600000L));
            assertThat(u.raw().path("value").path("current_limit").asText()).isEqualTo("TIER_10K");
        }

        @Test
        void anUnknownCallEventIsDeliveredAsUnknownCallsEvent() {
            Unknown u = single(parseFixture("unknown-call-event.json"), Unknown.class);
            assertThat(u.kind()).isEqualTo("calls/call_video_started");
            assertThat(u.context()).isEqualTo(CALLS_CONTEXT);
            assertThat(u.problem()).isNull();
            assertThat(u.timestamp()).contains(at(1671644900L));
            assertThat(u.raw().path("id").asText()).isEqualTo(UIC_CALL_ID);
        }
    }

    @Test
    void aMixedBatchDeliversEveryEventInMetasOrderWithItsOwnContext() {
        WebhookBatch batch = parseFixture("batch-mixed.json");

        assertThat(batch.events()).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                "CallConnect", "CallTerminate", "Unknown", "CallPermissionReply", "MessageStatusUpdate",
                "MessageStatusUpdate",
                "CallStatusUpdate", "CallStatusUpdate", "CallConnect", "CallRecordingAvailable",
                "CallTranscriptionAvailable",
                "AccountRestriction", "AccountViolation", "Unknown",
                "AccountSettingsUpdate");

        List<WebhookEvent> e = batch.events();
        assertThat(e.get(0).context()).isEqualTo(CALLS_CONTEXT);
        assertThat(((CallConnect) e.get(0)).sdp()).isEqualTo(OFFER_SDP);
        assertThat(((CallTerminate) e.get(1)).duration()).isEqualTo(Duration.ofSeconds(120));
        assertThat(((Unknown) e.get(2)).kind()).isEqualTo("messages/text");
        assertThat(e.get(3).context()).isEqualTo(MESSAGES_CONTEXT);
        assertThat(((CallPermissionReply) e.get(3)).expiresAt()).isEqualTo(at(1761145200L));
        assertThat(((MessageStatusUpdate) e.get(4)).status()).isEqualTo(MessageStatus.SENT);
        assertThat(((MessageStatusUpdate) e.get(5)).status()).isEqualTo(MessageStatus.FAILED);

        EventContext secondNumber = new EventContext(
                WabaId.of(WABA_ID), PhoneNumberId.of("106540352242923"), BIC_BUSINESS_NUMBER, "calls");
        assertThat(e.get(6).context()).isEqualTo(secondNumber);
        assertThat(((CallStatusUpdate) e.get(6)).status()).isEqualTo(CallStatus.RINGING);
        assertThat(((CallStatusUpdate) e.get(7)).status()).isEqualTo(CallStatus.ACCEPTED);
        assertThat(((CallConnect) e.get(8)).sdp()).isEqualTo(ANSWER_SDP);
        assertThat(e.get(8).context()).isEqualTo(secondNumber);
        assertThat(((CallRecordingAvailable) e.get(9)).audio().id()).isEqualTo("1166397358654417");
        assertThat(((CallTranscriptionAvailable) e.get(10)).document().id()).isEqualTo("1283475619871234");

        assertThat(e.get(11).timestamp()).contains(at(1769522400L));
        assertThat(e.get(12).timestamp()).contains(at(1769522400L));
        assertThat(((Unknown) e.get(13)).kind()).isEqualTo("phone_number_quality_update");
        assertThat(e.get(14).context().wabaId()).isEqualTo(WabaId.of("104996122399160"));
        assertThat(e.get(14).timestamp()).contains(at(1753110120L));

        assertThat(batch.eventsOf(CallConnect.class)).hasSize(2);
        assertThat(batch.eventsOf(MessageStatusUpdate.class)).hasSize(2);
    }

    @Test
    void enumValuesAreReadCaseInsensitively() {
        var tree = WebhookFixtures.tree(fixture("terminate-completed.json"));
        firstCall(tree).put("status", "completed").put("direction", "business_initiated");
        CallTerminate t = single(parseTree(tree), CallTerminate.class);
        assertThat(t.status()).isEqualTo(TerminateStatus.COMPLETED);
        assertThat(t.direction()).isEqualTo(CallDirection.BUSINESS_INITIATED);
        assertThat(t.user().waId()).isEqualTo(WaId.of(BIC_USER_NUMBER));
    }
}
