package dev.wacalls.media.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.stack.TransactionID;
import org.junit.jupiter.api.Test;

/** Candidate lines, IP literals, RFC 7983 classification and STUN ufrag routing, without sockets. */
class IceWireFormatTest {

    @Test
    void parsesMetaAndChromiumCandidateLinesAndWritesThemBack() {
        IceCandidate meta = IceCandidate.parse("a=candidate:1 1 udp 2113937151 31.13.65.130 3482 typ host");
        assertThat(meta).isEqualTo(IceCandidate.udp("1", 2113937151L, "31.13.65.130", 3482, IceCandidateType.HOST));
        assertThat(meta.toSdpValue()).isEqualTo("candidate:1 1 udp 2113937151 31.13.65.130 3482 typ host");

        IceCandidate chromeTcp = IceCandidate.parse(
                "candidate:2999745851 1 tcp 1518280447 192.168.1.5 9 typ host tcptype active generation 0 network-id 1");
        assertThat(chromeTcp.isUdp()).isFalse();
        assertThat(chromeTcp.port()).isEqualTo(9);

        IceCandidate srflx = IceCandidate.parse(
                "candidate:842163049 1 UDP 1677729535 203.0.113.7 40000 typ srflx raddr 10.0.0.12 rport 40000");
        assertThat(srflx.isUdp()).isTrue();
        assertThat(srflx.type()).isEqualTo(IceCandidateType.SERVER_REFLEXIVE);
        assertThat(srflx.relatedAddress()).isEqualTo("10.0.0.12");
        assertThat(srflx.toSdpValue()).endsWith("typ srflx raddr 10.0.0.12 rport 40000").contains(" udp ");

        assertThat(IceCandidate.parse("candidate:x 1 udp 1 10.0.0.1 5 typ weird").type())
                .isEqualTo(IceCandidateType.UNKNOWN);
        assertThatThrownBy(() -> IceCandidate.parse("candidate:1 1 udp 1 10.0.0.1 5 host"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IceCandidate.parse("candidate:1 1 udp many 10.0.0.1 5 typ host"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyIpLiteralsAreUsedAndNamesAreNeverResolved() {
        assertThat(IceSession.parseIpLiteral("127.0.0.1")).isNotNull();
        assertThat(IceSession.parseIpLiteral("2a03:2880:f20d:c4:face:b00c:0:167")).isNotNull();
        assertThat(IceSession.parseIpLiteral("::1")).isNotNull();
        // Would be DNS or mDNS queries: refused before InetAddress sees them.
        assertThat(IceSession.parseIpLiteral("localhost")).isNull();
        assertThat(IceSession.parseIpLiteral("1b3f2c5e-7d4a.local")).isNull();
        assertThat(IceSession.parseIpLiteral("example.com")).isNull();
        assertThat(IceSession.parseIpLiteral("256.1.1.1")).isNull();
        assertThat(IceSession.parseIpLiteral("1.2.3")).isNull();
        assertThat(IceSession.usableAddress(IceCandidate.udp("1", 1, "0.0.0.0", 9, IceCandidateType.HOST))).isNull();
        assertThat(IceSession.usableAddress(IceCandidate.udp("1", 1, "10.0.0.1", 0, IceCandidateType.HOST))).isNull();
    }

    @Test
    void parametersRefuseCharactersThatWouldBreakTheStunUsernameAndHideThePassword() {
        assertThatThrownBy(() -> new IceParameters("ab:c", "p".repeat(22), List.of(), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IceParameters("abcd", "", List.of(), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new IceParameters("abcd", "secretsecretsecretsecret", List.of(), true).toString())
                .doesNotContain("secret");
    }

    @Property
    void theFirstByteAloneDecidesTheKindAsRfc7983Says(@ForAll @IntRange(min = 0, max = 255) int first) {
        byte[] packet = new byte[40];
        packet[0] = (byte) first;
        // A STUN magic cookie, so bytes 0-3 can be STUN.
        packet[4] = 0x21;
        packet[5] = 0x12;
        packet[6] = (byte) 0xA4;
        packet[7] = 0x42;
        int expected = first <= 3 ? UdpMux.KIND_STUN
                : first >= 20 && first <= 63 ? UdpMux.KIND_DTLS
                : first >= 128 && first <= 191 ? UdpMux.KIND_MEDIA
                : UdpMux.KIND_OTHER;
        assertThat(UdpMux.classify(packet, packet.length)).isEqualTo(expected);
    }

    @Test
    void stunWithoutMagicCookieOrTooShortIsNotStun() {
        assertThat(UdpMux.classify(new byte[40], 40)).isEqualTo(UdpMux.KIND_OTHER);
        assertThat(UdpMux.classify(new byte[] {0, 1}, 2)).isEqualTo(UdpMux.KIND_OTHER);
        assertThat(UdpMux.classify(new byte[0], 0)).isEqualTo(UdpMux.KIND_OTHER);
    }

    @Property(tries = 200)
    void aBindingRequestIsRoutedByTheRecipientHalfOfItsUsername(
            @ForAll @StringLength(min = 1, max = 32) String recipient,
            @ForAll @StringLength(min = 1, max = 32) String sender) throws Exception {
        String r = recipient.replaceAll("[^A-Za-z0-9+/]", "a");
        String s = sender.replaceAll("[^A-Za-z0-9+/]", "b");
        Request request = MessageFactory.createBindingRequest();
        request.putAttribute(AttributeFactory.createUsernameAttribute(r + ":" + s));
        request.putAttribute(AttributeFactory.createPriorityAttribute(12345));
        request.setTransactionID(TransactionID.createNewTransactionID().getBytes());
        byte[] wire = request.encode(null);
        assertThat(UdpMux.classify(wire, wire.length)).isEqualTo(UdpMux.KIND_STUN);
        assertThat(UdpMux.bindingRequestUfrag(wire, wire.length)).isEqualTo(r);
    }

    @Test
    void responsesAndTruncatedRequestsCarryNoRoutingUfrag() throws Exception {
        Request request = MessageFactory.createBindingRequest();
        request.putAttribute(AttributeFactory.createUsernameAttribute("abcd:efgh"));
        request.setTransactionID(TransactionID.createNewTransactionID().getBytes());
        byte[] wire = request.encode(null);
        assertThat(UdpMux.bindingRequestUfrag(wire, wire.length)).isEqualTo("abcd");
        // Cut inside the USERNAME value: no guess.
        assertThat(UdpMux.bindingRequestUfrag(wire, 20 + 4 + 2)).isNull();
        org.ice4j.message.Response response = MessageFactory.createBindingResponse(request,
                new org.ice4j.TransportAddress(IceTestSupport.LOOPBACK, 5000, org.ice4j.Transport.UDP));
        response.setTransactionID(request.getTransactionID());
        byte[] responseWire = response.encode(null);
        assertThat(UdpMux.classify(responseWire, responseWire.length)).isEqualTo(UdpMux.KIND_STUN);
        assertThat(UdpMux.bindingRequestUfrag(responseWire, responseWire.length)).isNull();
    }

    @Test
    void aQueueDropsWhenFullRecyclesBuffersAndWakesItsReaderOnClose() throws Exception {
        DatagramQueue q = new DatagramQueue(2, 8);
        InetSocketAddress from = new InetSocketAddress(IceTestSupport.LOOPBACK, 1);
        byte[] data = "0123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(q.offer(data, 0, 10, from)).isTrue();
        assertThat(q.offer(data, 2, 3, from)).isTrue();
        assertThat(q.offer(data, 0, 1, from)).isFalse();
        assertThat(q.dropped()).isEqualTo(1);
        byte[] out = new byte[16];
        assertThat(q.poll(out, 0, out.length, 10)).isEqualTo(8); // truncated to the slot
        assertThat(q.poll(out, 0, out.length, 10)).isEqualTo(3);
        assertThat(new String(out, 0, 3, StandardCharsets.US_ASCII)).isEqualTo("234");
        assertThat(q.poll(out, 0, out.length, 20)).isEqualTo(-1);
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException ignored) {
                // ends early
            }
            q.close();
        });
        closer.start();
        assertThatThrownBy(() -> q.poll(out, 0, out.length, 0)).isInstanceOf(java.io.IOException.class);
        closer.join();
    }
}
