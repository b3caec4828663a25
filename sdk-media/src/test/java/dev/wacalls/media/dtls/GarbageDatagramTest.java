package dev.wacalls.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Before and during a handshake the DTLS socket also sees STUN (ICE consent checks), early RTP, and plain noise.
 * None of it may end the handshake: it is dropped, and the handshake completes as usual.
 */
class GarbageDatagramTest {
    static DtlsCertificate clientCert;
    static DtlsCertificate serverCert;

    @BeforeAll
    static void certificates() {
        clientCert = DtlsCertificate.generate();
        serverCert = DtlsCertificate.generate();
    }

    /** Datagrams that are not valid DTLS records, each of a kind a media socket really receives. */
    static List<byte[]> garbage(Random random) {
        List<byte[]> g = new ArrayList<>();
        // STUN Binding request header (RFC 5389): first byte 0x00.
        byte[] stun = new byte[20];
        stun[1] = 0x01;
        stun[4] = 0x21;
        stun[5] = 0x12;
        stun[6] = (byte) 0xA4;
        stun[7] = 0x42;
        g.add(stun);
        // An RTP packet (first byte 0x80, RFC 3550), PT 111.
        byte[] rtp = new byte[172];
        random.nextBytes(rtp);
        rtp[0] = (byte) 0x80;
        rtp[1] = 111;
        g.add(rtp);
        // Looks like a DTLS handshake record, but its length field does not match the datagram.
        byte[] fakeDtls = new byte[90];
        random.nextBytes(fakeDtls);
        fakeDtls[0] = 22;
        fakeDtls[1] = (byte) 0xFE;
        fakeDtls[2] = (byte) 0xFD;
        fakeDtls[11] = 0x7F;
        fakeDtls[12] = 0x00;
        g.add(fakeDtls);
        // Too short to be a record at all.
        g.add(new byte[] {22, (byte) 0xFE, (byte) 0xFD});
        // An empty datagram.
        g.add(new byte[0]);
        // Random noise of random lengths.
        for (int i = 0; i < 5; i++) {
            byte[] noise = new byte[1 + random.nextInt(300)];
            random.nextBytes(noise);
            g.add(noise);
        }
        return g;
    }

    @Test
    void garbageBeforeAndDuringTheHandshakeIsDroppedNotFatal() throws Exception {
        Random random = new Random(20_260_512L);
        try (Loopback net = Loopback.open();
                DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(Loopback.LOCALHOST, 0))) {
            // Before: from the peer's own address (so the transport cannot filter it by source), and from a stranger.
            for (byte[] g : garbage(random)) {
                net.clientTransport.send(g, 0, g.length);
                stranger.send(new DatagramPacket(g, g.length, net.serverTransport.localAddress()));
            }
            // During: every datagram either side sends is preceded by a burst of garbage to the other side.
            Loopback.Both both = net.handshake(
                    DtlsEndpoint.builder(clientCert).build(), serverCert.fingerprint(),
                    DtlsEndpoint.builder(serverCert).build(), clientCert.fingerprint(),
                    t -> new Noisy(t, new Random(1)), t -> new Noisy(t, new Random(2)));

            DtlsHandshakeResult client = both.client().result();
            DtlsHandshakeResult server = both.server().result();
            assertThat(client.localMasterKey()).isEqualTo(server.remoteMasterKey());
            assertThat(server.nonDtlsDropped()).as("STUN, RTP, empty and noise datagrams dropped").isPositive();
            assertThat(client.nonDtlsDropped()).isPositive();
            assertThat(net.serverTransport.foreignDropped()).as("the stranger's datagrams").isPositive();
        }
    }

    /** Sends garbage to the peer before each real datagram. */
    static final class Noisy extends ForwardingTransport {
        private final Random random;

        Noisy(DtlsDatagramTransport inner, Random random) {
            super(inner);
            this.random = random;
        }

        @Override
        public void send(byte[] buf, int off, int len) throws IOException {
            for (byte[] g : garbage(random)) {
                inner.send(g, 0, g.length);
            }
            inner.send(buf, off, len);
        }
    }
}
