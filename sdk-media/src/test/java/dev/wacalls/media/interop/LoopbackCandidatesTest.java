package dev.wacalls.media.interop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@link ChromiumPeer} hands out keeps only candidates whose checks stay on this machine's loopback. */
class LoopbackCandidatesTest {

    @Test
    void keepsOnlyUdpCandidatesOnIpv4LoopbackAndMovesTheDefaultAddressThere() {
        String sdp = String.join("\r\n",
                "v=0",
                "o=- 1 2 IN IP4 127.0.0.1",
                "s=-",
                "t=0 0",
                "a=group:BUNDLE 0",
                "m=audio 40000 UDP/TLS/RTP/SAVPF 111",
                "c=IN IP4 192.0.2.2",
                "a=rtcp:9 IN IP4 0.0.0.0",
                "a=candidate:1 1 udp 2122260223 192.0.2.2 40000 typ host generation 0",
                "a=candidate:2 1 udp 2122129151 fd00::2 40001 typ host generation 0",
                "a=candidate:3 1 udp 2122197247 127.0.0.1 40002 typ host generation 0",
                "a=candidate:4 1 udp 2122065919 ::1 40003 typ host generation 0",
                "a=candidate:5 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active generation 0",
                "a=mid:0",
                "a=rtpmap:111 opus/48000/2",
                "");

        String kept = ChromiumPeer.keepLoopbackCandidates(sdp);

        assertThat(kept).contains("m=audio 40002 UDP/TLS/RTP/SAVPF 111\r\n", "c=IN IP4 127.0.0.1\r\n",
                "a=candidate:3 1 udp 2122197247 127.0.0.1 40002",
                "a=rtcp:9 IN IP4 0.0.0.0\r\n", "a=rtpmap:111 opus/48000/2\r\n");
        assertThat(kept).doesNotContain("192.0.2.2", "fd00::2", "::1", " tcp ");
        assertThat(kept).startsWith("v=0\r\n").endsWith("\r\n").doesNotContain("\r\n\r\n");
    }
}
