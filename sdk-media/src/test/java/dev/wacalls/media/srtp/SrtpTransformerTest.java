package dev.wacalls.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wacalls.media.dtls.DtlsFingerprint;
import dev.wacalls.media.dtls.DtlsHandshakeResult;
import dev.wacalls.media.dtls.DtlsRole;
import dev.wacalls.media.dtls.SrtpMasterKey;
import dev.wacalls.media.dtls.SrtpProtectionProfile;
import dev.wacalls.media.rtp.BufferPool;
import dev.wacalls.media.rtp.PacketBuffer;
import dev.wacalls.media.rtp.RtcpReader;
import dev.wacalls.media.rtp.RtcpStatus;
import dev.wacalls.media.rtp.RtcpWriter;
import dev.wacalls.media.rtp.RtpPacket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SrtpTransformerTest {
    private static final int SSRC = 0x11223344;

    private static SrtpMasterKey key(SrtpProtectionProfile profile, int seed) {
        byte[] k = new byte[profile.masterKeyLength()];
        byte[] s = new byte[profile.masterSaltLength()];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (seed + i);
        }
        for (int i = 0; i < s.length; i++) {
            s[i] = (byte) (seed * 7 + i);
        }
        return new SrtpMasterKey(k, s);
    }

    private static SrtpTransformer sender(SrtpProtectionProfile p) {
        return SrtpTransformer.create(SrtpTransformer.Direction.SEND, p, key(p, 1));
    }

    private static SrtpTransformer receiver(SrtpProtectionProfile p) {
        return SrtpTransformer.create(SrtpTransformer.Direction.RECEIVE, p, key(p, 1));
    }

    private static byte[] opus(int seq, int ssrc) {
        byte[] p = new byte[12 + 160];
        RtpPacket.writeHeader(p, 0, false, 111, seq, 960L * seq, ssrc);
        for (int i = 12; i < p.length; i++) {
            p[i] = (byte) (i * 31 + seq);
        }
        return p;
    }

    private static PacketBuffer buffer(byte[] packet) {
        PacketBuffer b = new PacketBuffer(16 + packet.length + 32, 16);
        b.copyFrom(packet, 0, packet.length);
        return b;
    }

    private static byte[] bytes(PacketBuffer b) {
        return Arrays.copyOfRange(b.array(), b.offset(), b.offset() + b.length());
    }

    @ParameterizedTest
    @EnumSource(SrtpProtectionProfile.class)
    void rtpRoundTripsThroughAPooledBuffer(SrtpProtectionProfile profile) {
        SrtpTransformer out = sender(profile);
        SrtpTransformer in = receiver(profile);
        BufferPool pool = BufferPool.withDefaults();
        for (int seq = 65_530; seq < 65_546; seq++) { // across the rollover (ROC 0 → 1)
            byte[] plain = opus(seq & 0xFFFF, SSRC);
            PacketBuffer buf = pool.acquire(plain.length);
            buf.copyFrom(plain, 0, plain.length);
            assertThat(out.transformRtp(buf)).isEqualTo(SrtpStatus.OK);
            assertThat(buf.length()).isEqualTo(plain.length + out.tagLength());
            assertThat(Arrays.copyOfRange(buf.array(), buf.offset() + 12, buf.offset() + plain.length))
                    .isNotEqualTo(Arrays.copyOfRange(plain, 12, plain.length));
            assertThat(in.transformRtp(buf)).isEqualTo(SrtpStatus.OK);
            assertThat(bytes(buf)).isEqualTo(plain);
            buf.release();
        }
        assertThat(out.tagLength()).isEqualTo(profile == SrtpProtectionProfile.AEAD_AES_128_GCM ? 16 : 10);
        assertThat(in.rtpCount(SrtpStatus.OK)).isEqualTo(16);
        assertThat(pool.misses()).isZero();
    }

    @ParameterizedTest
    @EnumSource(SrtpProtectionProfile.class)
    void rtcpRoundTripsAndTheIndexAdvances(SrtpProtectionProfile profile) {
        SrtpTransformer out = sender(profile);
        SrtpTransformer in = receiver(profile);
        for (int i = 0; i < 3; i++) {
            PacketBuffer buf = new PacketBuffer(256, 16);
            RtcpStatus written = new RtcpWriter().begin(buf)
                    .senderReport(SSRC, 0x83AA7E80_00000000L, 1234, 10 + i, 1600)
                    .sdesCname(SSRC, "wacalls".getBytes(StandardCharsets.US_ASCII))
                    .finish();
            assertThat(written).isEqualTo(RtcpStatus.OK);
            byte[] plain = bytes(buf);
            assertThat(out.transformRtcp(buf)).isEqualTo(SrtpStatus.OK);
            assertThat(buf.length()).isEqualTo(plain.length + 4 + out.tagLength());
            int indexAt = profile == SrtpProtectionProfile.AEAD_AES_128_GCM
                    ? buf.length() - 4 : plain.length; // GCM: after the tag (RFC 7714 §9); CM: before (RFC 3711)
            int eIndex = SrtpOracle.readInt(buf.array(), buf.offset() + indexAt);
            assertThat(eIndex & 0x7FFF_FFFF).isEqualTo(i);
            assertThat(in.transformRtcp(buf)).isEqualTo(SrtpStatus.OK);
            assertThat(bytes(buf)).isEqualTo(plain);

            RtcpReader reader = new RtcpReader();
            assertThat(reader.reset(buf.array(), buf.offset(), buf.length())).isEqualTo(RtcpStatus.OK);
            assertThat(reader.next()).isTrue();
            assertThat(reader.senderPacketCount()).isEqualTo(10 + i);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProtectionProfile.class)
    void aFlippedBitAnywhereFailsAuthentication(SrtpProtectionProfile profile) {
        SrtpTransformer out = sender(profile);
        byte[] plain = opus(7, SSRC);
        PacketBuffer buf = buffer(plain);
        out.transformRtp(buf);
        byte[] wire = bytes(buf);

        SrtpTransformer in = receiver(profile);
        int[] positions = {1, 3, 7, 12, 100, wire.length - 1};
        for (int position : positions) {
            byte[] tampered = wire.clone();
            tampered[position] ^= 0x01;
            assertThat(in.transformRtp(buffer(tampered))).as("bit flipped at %d", position)
                    .isEqualTo(SrtpStatus.AUTH_FAIL);
        }
        assertThat(in.rtpCount(SrtpStatus.AUTH_FAIL)).isEqualTo(positions.length);
        // The untampered packet still goes through afterwards: failures did not poison the context.
        assertThat(in.transformRtp(buffer(wire))).isEqualTo(SrtpStatus.OK);

        // RTCP too.
        PacketBuffer rtcp = new PacketBuffer(128, 16);
        new RtcpWriter().begin(rtcp).receiverReport(SSRC).finish();
        out.transformRtcp(rtcp);
        byte[] srtcp = bytes(rtcp);
        srtcp[5] ^= 0x40; // sender SSRC: another context, so also a wrong key
        assertThat(in.transformRtcp(buffer(srtcp))).isEqualTo(SrtpStatus.AUTH_FAIL);
        srtcp[5] ^= 0x40;
        srtcp[9] ^= 0x01;
        assertThat(in.transformRtcp(buffer(srtcp))).isEqualTo(SrtpStatus.AUTH_FAIL);
    }

    @ParameterizedTest
    @EnumSource(SrtpProtectionProfile.class)
    void aReplayedPacketIsRejected(SrtpProtectionProfile profile) {
        SrtpTransformer out = sender(profile);
        SrtpTransformer in = receiver(profile);
        byte[][] wire = new byte[80][];
        for (int seq = 0; seq < wire.length; seq++) {
            PacketBuffer b = buffer(opus(seq, SSRC));
            out.transformRtp(b);
            wire[seq] = bytes(b);
        }
        assertThat(in.transformRtp(buffer(wire[10]))).isEqualTo(SrtpStatus.OK);
        assertThat(in.transformRtp(buffer(wire[10]))).isEqualTo(SrtpStatus.REPLAY_FAIL);
        assertThat(in.transformRtp(buffer(wire[79]))).isEqualTo(SrtpStatus.OK);
        assertThat(in.transformRtp(buffer(wire[12]))).isEqualTo(SrtpStatus.REPLAY_OLD); // beyond the 64 window
        assertThat(in.transformRtp(buffer(wire[40]))).isEqualTo(SrtpStatus.OK); // late but inside the window
        assertThat(in.rtpCount(SrtpStatus.REPLAY_FAIL)).isEqualTo(1);
        assertThat(in.rtpCount(SrtpStatus.REPLAY_OLD)).isEqualTo(1);

        PacketBuffer rtcp = new PacketBuffer(128, 16);
        new RtcpWriter().begin(rtcp).receiverReport(SSRC).finish();
        out.transformRtcp(rtcp);
        byte[] srtcp = bytes(rtcp);
        assertThat(in.transformRtcp(buffer(srtcp))).isEqualTo(SrtpStatus.OK);
        assertThat(in.transformRtcp(buffer(srtcp))).isEqualTo(SrtpStatus.REPLAY_FAIL);
    }

    @ParameterizedTest
    @EnumSource(SrtpProtectionProfile.class)
    void malformedPacketsAndMissingRoomAreStatusesNotExceptions(SrtpProtectionProfile profile) {
        SrtpTransformer out = sender(profile);
        SrtpTransformer in = receiver(profile);
        assertThat(out.transformRtp(buffer(new byte[5]))).isEqualTo(SrtpStatus.INVALID_PACKET);
        byte[] badVersion = opus(1, SSRC);
        badVersion[0] = 0x40;
        assertThat(out.transformRtp(buffer(badVersion))).isEqualTo(SrtpStatus.INVALID_PACKET);
        byte[] csrcOverrun = opus(1, SSRC);
        csrcOverrun[0] = (byte) 0x8F;
        assertThat(out.transformRtp(buffer(Arrays.copyOf(csrcOverrun, 40)))).isEqualTo(SrtpStatus.INVALID_PACKET);
        assertThat(in.transformRtp(buffer(Arrays.copyOf(opus(1, SSRC), 12 + in.tagLength() - 1))))
                .isEqualTo(SrtpStatus.INVALID_PACKET);
        assertThat(in.transformRtcp(buffer(new byte[] {(byte) 0x80, (byte) 201, 0, 1})))
                .isEqualTo(SrtpStatus.INVALID_PACKET);
        assertThat(out.transformRtcp(buffer(new byte[] {0x40, (byte) 201, 0, 1, 0, 0, 0, 1})))
                .isEqualTo(SrtpStatus.INVALID_PACKET);

        // A packet filling its whole array: no room for the tag, and no head room to move into.
        byte[] plain = opus(2, SSRC);
        PacketBuffer full = new PacketBuffer(plain.length, 0);
        full.copyFrom(plain, 0, plain.length);
        assertThat(out.transformRtp(full)).isEqualTo(SrtpStatus.NO_ROOM);
        assertThat(bytes(full)).isEqualTo(plain);

        // No tail room but enough head room: the packet is moved in place and protected.
        PacketBuffer headOnly = new PacketBuffer(plain.length + 16, 16);
        headOnly.copyFrom(plain, 0, plain.length);
        assertThat(headOnly.tailRoom()).isZero();
        assertThat(out.transformRtp(headOnly)).isEqualTo(SrtpStatus.OK);
        assertThat(headOnly.offset()).isEqualTo(16 - out.tagLength());

        // Unprotecting needs no tail room.
        byte[] wire = bytes(headOnly);
        PacketBuffer exact = new PacketBuffer(wire.length, 0);
        exact.copyFrom(wire, 0, wire.length);
        assertThat(in.transformRtp(exact)).isEqualTo(SrtpStatus.OK);
        assertThat(bytes(exact)).isEqualTo(plain);

        assertThat(out.rtpCount(SrtpStatus.INVALID_PACKET)).isEqualTo(3);
        assertThat(out.rtpCount(SrtpStatus.NO_ROOM)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(SrtpProtectionProfile.class)
    void garbageWithRandomSsrcsDoesNotEvictTheRealStream(SrtpProtectionProfile profile) {
        SrtpTransformer out = sender(profile);
        SrtpTransformer in = receiver(profile);
        PacketBuffer first = buffer(opus(1, SSRC));
        out.transformRtp(first);
        assertThat(in.transformRtp(first)).isEqualTo(SrtpStatus.OK);
        for (int i = 0; i < 20; i++) {
            byte[] junk = opus(2, 0x5000 + i);
            Arrays.fill(junk, 12, junk.length, (byte) i);
            assertThat(in.transformRtp(buffer(junk))).isEqualTo(SrtpStatus.AUTH_FAIL);
        }
        PacketBuffer second = buffer(opus(2, SSRC));
        out.transformRtp(second);
        assertThat(in.transformRtp(second)).isEqualTo(SrtpStatus.OK);
        assertThat(in.contextsDerived()).isEqualTo(21); // each unknown SSRC cost one derivation

        // A genuine second source (a restarted sender) is accepted and kept.
        for (int seq = 100; seq < 103; seq++) {
            PacketBuffer b = buffer(opus(seq, 0x7777));
            out.transformRtp(b);
            assertThat(in.transformRtp(b)).isEqualTo(SrtpStatus.OK);
        }
        assertThat(in.contextsDerived()).isEqualTo(22);
    }

    @ParameterizedTest
    @EnumSource(SrtpProtectionProfile.class)
    void keysFromTheDtlsResultPairTheTwoEnds(SrtpProtectionProfile profile) {
        SrtpMasterKey clientWrite = key(profile, 10);
        SrtpMasterKey serverWrite = key(profile, 20);
        DtlsFingerprint fp = DtlsFingerprint.of("sha-256", new byte[32]);
        DtlsHandshakeResult client = new DtlsHandshakeResult(DtlsRole.CLIENT, profile, clientWrite, serverWrite, fp,
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", Duration.ofMillis(20), 0);
        DtlsHandshakeResult server = new DtlsHandshakeResult(DtlsRole.SERVER, profile, serverWrite, clientWrite, fp,
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", Duration.ofMillis(20), 0);

        try (SrtpTransformer clientOut = SrtpTransformer.forSending(client);
                SrtpTransformer serverIn = SrtpTransformer.forReceiving(server);
                SrtpTransformer clientIn = SrtpTransformer.forReceiving(client)) {
            assertThat(clientOut.direction()).isEqualTo(SrtpTransformer.Direction.SEND);
            assertThat(serverIn.profile()).isEqualTo(profile);
            PacketBuffer b = buffer(opus(1, SSRC));
            assertThat(clientOut.transformRtp(b)).isEqualTo(SrtpStatus.OK);
            byte[] wire = bytes(b);
            assertThat(serverIn.transformRtp(buffer(wire))).isEqualTo(SrtpStatus.OK);
            // The other direction's key (as media-interop.md observed with Chromium): AUTH_FAIL.
            assertThat(clientIn.transformRtp(buffer(wire))).isEqualTo(SrtpStatus.AUTH_FAIL);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProtectionProfile.class)
    void aClosedTransformerFailsEveryPacket(SrtpProtectionProfile profile) {
        SrtpTransformer out = sender(profile);
        out.close();
        out.close();
        assertThat(out.transformRtp(buffer(opus(1, SSRC)))).isEqualTo(SrtpStatus.FAIL);
        assertThat(out.rtpCount(SrtpStatus.FAIL)).isEqualTo(1);
    }
}
