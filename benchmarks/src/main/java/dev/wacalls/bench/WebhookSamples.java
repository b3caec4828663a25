package dev.wacalls.bench;

/** Webhook bodies shaped like Meta's documented samples. */
final class WebhookSamples {
    private WebhookSamples() {}

    static final String SDP_OFFER = String.join("\r\n",
            "v=0",
            "o=- 7602563789789945080 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE audio",
            "a=msid-semantic: WMS 6932bc1c-db1a-4abe-b437-0c4168be8a13",
            "a=ice-lite",
            "m=audio 40012 UDP/TLS/RTP/SAVPF 111 126",
            "c=IN IP4 31.13.65.60",
            "a=rtcp:9 IN IP4 0.0.0.0",
            "a=candidate:1972637320 1 udp 2113937151 31.13.65.60 40012 typ host generation 0 network-cost 50",
            "a=candidate:1652262791 1 udp 2113939711 2a03:2880:f211:cf:face:b00c:0:6443 40012 typ host generation 0",
            "a=ice-ufrag:6k2qP1R6kBfI/2",
            "a=ice-pwd:UApvJw3NcwFRDvIMKdM0vWCdlXah25E9",
            "a=fingerprint:sha-256 1B:B6:6B:40:A5:0B:8C:75:0D:8C:CB:90:2F:99:74:1E:26:45:AE:AF:45:C1:51:60:8F:73:C9:2D:10:6D:8A:88",
            "a=setup:actpass",
            "a=mid:audio",
            "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
            "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
            "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
            "a=sendrecv",
            "a=rtcp-mux",
            "a=rtpmap:111 opus/48000/2",
            "a=rtcp-fb:111 transport-cc",
            "a=fmtp:111 minptime=10;useinbandfec=1",
            "a=rtpmap:126 telephone-event/8000",
            "a=ssrc:4208138518 cname:gAXq2V9TKltrnapv",
            "");

    static String userInitiatedConnect() {
        String sdp = SDP_OFFER.replace("\r\n", "\\r\\n");
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
                + "\"field\":\"calls\",\"value\":{\"messaging_product\":\"whatsapp\","
                + "\"metadata\":{\"display_phone_number\":\"16315553601\",\"phone_number_id\":\"106540352242922\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Alex Candidate\"},\"wa_id\":\"16315553602\"}],"
                + "\"calls\":[{\"id\":\"wacid.ABGGFjFVU2AfAgo6V-Hc5eCgK5Gh\",\"to\":\"16315553601\","
                + "\"from\":\"16315553602\",\"event\":\"connect\",\"timestamp\":\"1671644824\","
                + "\"direction\":\"USER_INITIATED\",\"deeplink_payload\":\"job-42\",\"cta_payload\":\"apply\","
                + "\"session\":{\"sdp_type\":\"offer\",\"sdp\":\"" + sdp + "\"}}]}}]}]}";
    }

    static String terminate() {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
                + "\"field\":\"calls\",\"value\":{\"messaging_product\":\"whatsapp\","
                + "\"metadata\":{\"display_phone_number\":\"16315553601\",\"phone_number_id\":\"106540352242922\"},"
                + "\"calls\":[{\"id\":\"wacid.ABGGFjFVU2AfAgo6V-Hc5eCgK5Gh\",\"to\":\"16315553602\","
                + "\"from\":\"16315553601\",\"event\":\"terminate\",\"direction\":\"BUSINESS_INITIATED\","
                + "\"biz_opaque_callback_data\":\"candidate-42\",\"timestamp\":\"1671644944\","
                + "\"status\":\"COMPLETED\",\"start_time\":\"1671644824\",\"end_time\":\"1671644944\","
                + "\"duration\":120}]}}]}]}";
    }

    static String permissionReply() {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
                + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
                + "\"metadata\":{\"display_phone_number\":\"16315553601\",\"phone_number_id\":\"106540352242922\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Alex Candidate\"},\"wa_id\":\"16315553602\"}],"
                + "\"messages\":[{\"from\":\"16315553602\",\"id\":\"wamid.sH0kFlaCGg0xcvZbgmg90lHrg2dL\","
                + "\"timestamp\":\"1671644824\",\"context\":{\"from\":\"16315553601\","
                + "\"id\":\"wamid.gBGGFlaCmZ9plHrf2Mh-o\"},\"type\":\"interactive\",\"interactive\":{"
                + "\"type\":\"call_permission_reply\",\"call_permission_reply\":{\"response\":\"accept\","
                + "\"is_permanent\":false,\"expiration_timestamp\":\"1672249624\","
                + "\"response_source\":\"user_action\"}}}]}}]}]}";
    }
}
