package dev.wacalls.testkit;

import java.security.SecureRandom;
import java.util.HexFormat;

/** SDPs shaped like WhatsApp's (ICE-lite relay, one BUNDLEd audio m-line, Opus 111, telephone-event 126). */
final class VirtualSdp {
    private VirtualSdp() {}

    static String offer(SecureRandom random) {
        return sdp(random, "actpass");
    }

    static String answer(SecureRandom random) {
        return sdp(random, "active");
    }

    private static String sdp(SecureRandom random, String setup) {
        byte[] fp = new byte[32];
        random.nextBytes(fp);
        String fingerprint = HexFormat.ofDelimiter(":").withUpperCase().formatHex(fp);
        long session = Math.abs(random.nextLong() % 9_000_000_000_000_000_000L);
        return String.join("\r\n",
                "v=0",
                "o=- " + session + " 2 IN IP4 127.0.0.1",
                "s=-",
                "t=0 0",
                "a=group:BUNDLE audio",
                "a=ice-lite",
                "m=audio 3482 UDP/TLS/RTP/SAVPF 111 126",
                "c=IN IP4 127.0.0.1",
                "a=rtcp:9 IN IP4 0.0.0.0",
                "a=candidate:1972637320 1 udp 2113937151 127.0.0.1 3482 typ host generation 0",
                "a=ice-ufrag:" + HexFormat.of().formatHex(fp, 0, 4),
                "a=ice-pwd:" + HexFormat.of().formatHex(fp, 4, 16),
                "a=fingerprint:sha-256 " + fingerprint,
                "a=setup:" + setup,
                "a=mid:audio",
                "a=sendrecv",
                "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2",
                "a=fmtp:111 minptime=10;useinbandfec=1",
                "a=rtpmap:126 telephone-event/8000",
                "a=ssrc:" + (random.nextInt() & 0x7fffffff) + " cname:WhatsAppAudioStream1",
                "");
    }
}
