package dev.wacalls.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.ByteArrayBuffer;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exported keys are only right if a real SRTP stack accepts them: what one side protects with its local key, the
 * other unprotects with its remote key; the wrong direction's key fails authentication.
 */
class SrtpKeyExportTest {
    private static final Logger LOG = new LoggerImpl(SrtpKeyExportTest.class.getName());
    private static final int SSRC = 0x1234_5678;
    /** jitsi-srtp writes the tag after the payload in place; GCM needs 16 bytes of room there or it throws. */
    private static final int TAIL_ROOM = 16;

    static DtlsCertificate clientCert;
    static DtlsCertificate serverCert;

    @BeforeAll
    static void certificates() {
        clientCert = DtlsCertificate.generate();
        serverCert = DtlsCertificate.generate();
    }

    @ParameterizedTest
    @EnumSource(SrtpProtectionProfile.class)
    void rtpProtectedWithOneSidesLocalKeyIsReadWithTheOthersRemoteKey(SrtpProtectionProfile profile) throws Exception {
        DtlsHandshakeResult client;
        DtlsHandshakeResult server;
        try (Loopback net = Loopback.open()) {
            Loopback.Both both = net.handshake(
                    DtlsEndpoint.builder(clientCert).srtpProfiles(profile).build(), serverCert.fingerprint(),
                    DtlsEndpoint.builder(serverCert).srtpProfiles(profile).build(), clientCert.fingerprint());
            client = both.client().result();
            server = both.server().result();
        }
        assertThat(client.srtpProfile()).isEqualTo(profile);

        byte[] rtp = rtpPacket(7, 960 * 7);

        // Client -> server.
        Packet sent = protect(profile, client.localMasterKey(), rtp);
        assertThat(sent.length).isEqualTo(rtp.length + (profile == SrtpProtectionProfile.AEAD_AES_128_GCM ? 16 : 10));
        Packet received = sent.copy();
        assertThat(unprotect(profile, server.remoteMasterKey(), received)).isEqualTo(SrtpErrorStatus.OK);
        assertThat(received.bytes()).isEqualTo(rtp);
        // The server's own sending key is the wrong one for this direction.
        assertThat(unprotect(profile, server.localMasterKey(), sent.copy())).isEqualTo(SrtpErrorStatus.AUTH_FAIL);

        // Server -> client.
        Packet back = protect(profile, server.localMasterKey(), rtp);
        Packet backReceived = back.copy();
        assertThat(unprotect(profile, client.remoteMasterKey(), backReceived)).isEqualTo(SrtpErrorStatus.OK);
        assertThat(backReceived.bytes()).isEqualTo(rtp);
        assertThat(unprotect(profile, client.localMasterKey(), back.copy())).isEqualTo(SrtpErrorStatus.AUTH_FAIL);
    }

    private static SrtpPolicy policy(SrtpProtectionProfile profile) {
        return switch (profile) {
            // RFC 7714: AES-128-GCM, 16-byte tag, 12-byte salt, no separate authentication.
            case AEAD_AES_128_GCM -> new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, 16,
                    SrtpPolicy.NULL_AUTHENTICATION, 0, 16, 12);
            // RFC 3711: AES-128-CM, HMAC-SHA1 with a 160-bit key, 80-bit tag, 14-byte salt.
            case AES_CM_128_HMAC_SHA1_80 -> new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, 16,
                    SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, 10, 14);
        };
    }

    private static Packet protect(SrtpProtectionProfile profile, SrtpMasterKey key, byte[] rtp) throws Exception {
        SrtpContextFactory factory =
                new SrtpContextFactory(true, key.key(), key.salt(), policy(profile), policy(profile), LOG);
        try {
            SrtpCryptoContext context = factory.deriveContext(SSRC, 0);
            Packet p = new Packet(Arrays.copyOf(rtp, rtp.length + TAIL_ROOM), rtp.length);
            assertThat(context.transformPacket(p)).isEqualTo(SrtpErrorStatus.OK);
            return p;
        } finally {
            factory.close();
        }
    }

    private static SrtpErrorStatus unprotect(SrtpProtectionProfile profile, SrtpMasterKey key, Packet p)
            throws Exception {
        SrtpContextFactory factory =
                new SrtpContextFactory(false, key.key(), key.salt(), policy(profile), policy(profile), LOG);
        try {
            return factory.deriveContext(SSRC, 0).reverseTransformPacket(p, false);
        } finally {
            factory.close();
        }
    }

    /** An Opus-sized RTP packet: version 2, PT 111, our SSRC, 160 bytes of payload. */
    private static byte[] rtpPacket(int seq, long timestamp) {
        byte[] p = new byte[12 + 160];
        p[0] = (byte) 0x80;
        p[1] = 111;
        p[2] = (byte) (seq >>> 8);
        p[3] = (byte) seq;
        for (int i = 0; i < 4; i++) {
            p[4 + i] = (byte) (timestamp >>> (24 - 8 * i));
            p[8 + i] = (byte) (SSRC >>> (24 - 8 * i));
        }
        for (int i = 12; i < p.length; i++) {
            p[i] = (byte) i;
        }
        return p;
    }

    /** The smallest ByteArrayBuffer jitsi-srtp needs: a byte[] with offset 0, a length, and tail room. */
    static final class Packet implements ByteArrayBuffer {
        byte[] buffer;
        int length;

        Packet(byte[] buffer, int length) {
            this.buffer = buffer;
            this.length = length;
        }

        Packet copy() {
            return new Packet(buffer.clone(), length);
        }

        byte[] bytes() {
            return Arrays.copyOf(buffer, length);
        }

        @Override
        public byte[] getBuffer() {
            return buffer;
        }

        @Override
        public int getOffset() {
            return 0;
        }

        @Override
        public int getLength() {
            return length;
        }

        @Override
        public void setLength(int len) {
            length = len;
        }

        @Override
        public void setOffset(int off) {
            if (off != 0) {
                throw new UnsupportedOperationException("offset is always 0 here");
            }
        }

        @Override
        public boolean isInvalid() {
            return false;
        }

        @Override
        public void readRegionToBuff(int off, int len, byte[] out) {
            System.arraycopy(buffer, off, out, 0, len);
        }

        @Override
        public void grow(int howMuch) {
            if (buffer.length < length + howMuch) {
                buffer = Arrays.copyOf(buffer, length + howMuch);
            }
        }

        @Override
        public void append(byte[] data, int len) {
            grow(len);
            System.arraycopy(data, 0, buffer, length, len);
            length += len;
        }

        @Override
        public void shrink(int len) {
            length = Math.max(0, length - len);
        }
    }
}
