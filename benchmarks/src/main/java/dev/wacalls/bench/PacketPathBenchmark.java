package dev.wacalls.bench;

import dev.wacalls.media.dtls.SrtpMasterKey;
import dev.wacalls.media.dtls.SrtpProtectionProfile;
import dev.wacalls.media.rtp.BufferPool;
import dev.wacalls.media.rtp.HeaderExtensionCursor;
import dev.wacalls.media.rtp.PacketBuffer;
import dev.wacalls.media.rtp.PacketKind;
import dev.wacalls.media.rtp.ReceiveStatistics;
import dev.wacalls.media.rtp.RewriteStatus;
import dev.wacalls.media.rtp.RtpPacket;
import dev.wacalls.media.rtp.RtpRewriter;
import dev.wacalls.media.rtp.RtpStatus;
import dev.wacalls.media.srtp.SrtpStatus;
import dev.wacalls.media.srtp.SrtpTransformer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jitsi.srtp.crypto.Aes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The bridge's per-packet work for one direction, WhatsApp leg → browser leg: a datagram arrives (a pooled buffer is
 * taken and the bytes copied in, as the socket would), SRTP-unprotected with the WhatsApp leg's remote key, rewritten
 * onto the browser leg's single outgoing SSRC, SRTP-protected with the browser leg's local key, and the buffer
 * released.
 * One operation is one packet, so packets/s = 10<sup>9</sup> / (ns/op).
 *
 * <ul>
 *   <li>{@code packetPath}: the whole path through jitsi-srtp, for the {@code profile} parameter.</li>
 *   <li>{@code jceBaseline}: the same cryptographic work with the bare JCE in the same run — for
 *       {@code AES_CM_128_HMAC_SHA1_80} AES-CTR + HMAC-SHA1 (verify, decrypt, encrypt, tag), for
 *       {@code AEAD_AES_128_GCM} AES-GCM open + seal — over the same bytes, with one copy in, so that
 *       {@code packetPath / jceBaseline} says what jitsi-srtp and our code cost over the floor.</li>
 *   <li>{@code ourCodeOnly}: pool, copy, demultiplexing, header and extension parsing, receive statistics and rewrite,
 *       without SRTP: our share of the allocation, which should be 0 B/op.</li>
 * </ul>
 *
 * <p>The packets are 160-byte SRTP packets (a 20 ms Opus frame with a 12-byte header and an 8-byte RFC 8285 header
 * extension, as WebRTC peers send), pre-protected in the set-up. The receiving context is renewed every 65,536 packets
 * because the pre-protected set repeats its sequence numbers (without that, SRTP's replay protection would reject
 * them); that costs one key derivation per 65,536 operations.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar PacketPathBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1 -prof gc
 * java -jar benchmarks/target/benchmarks.jar PacketPathBenchmark -p aesFactory=OpenSSL,SunJCE -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class PacketPathBenchmark {
    private static final int PACKETS = 1 << 16;
    private static final int WIRE_LENGTH = 160;
    private static final int HEADER_LENGTH = 12 + 4 + 8;
    private static final int WHATSAPP_SSRC = 0x2A2A2A2A;
    private static final int BROWSER_SSRC = 0x0B0B0B0B;
    private static final long FRAME_NANOS = 20_000_000L;

    /** The SRTP profile DTLS negotiated (both legs use the same one here). */
    @Param({"AEAD_AES_128_GCM", "AES_CM_128_HMAC_SHA1_80"})
    public String profile;

    /**
     * jitsi-srtp's AES implementation: {@code default} lets it benchmark its candidates at start (as the SDK does);
     * {@code OpenSSL}, {@code SunJCE} or {@code BouncyCastle} pin one.
     */
    @Param({"default"})
    public String aesFactory;

    private SrtpProtectionProfile srtpProfile;
    private BufferPool pool;
    private SrtpMasterKey whatsAppRemoteKey;
    private SrtpTransformer fromWhatsApp;
    private SrtpTransformer toBrowser;
    private RtpRewriter rewriter;
    private ReceiveStatistics statistics;
    private final HeaderExtensionCursor extensions = new HeaderExtensionCursor();

    private byte[][] wire;
    private byte[][] plain;
    private int next;
    private long arrival;
    private long failures;

    // JCE baseline state
    private byte[][] baselineWire;
    private final byte[] socketBuffer = new byte[2048];
    private SecretKeySpec inKey;
    private SecretKeySpec outKey;
    private byte[] inSalt;
    private byte[] outSalt;
    private Cipher inCipher;
    private Cipher outCipher;
    private Mac inMac;
    private Mac outMac;
    private final byte[] iv = new byte[16];
    private final byte[] gcmIv = new byte[12];
    private final byte[] tag = new byte[20];
    private final byte[] roc = new byte[4];

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        if (!"default".equals(aesFactory)) {
            Aes.setFactoryClassName(aesFactory);
        }
        srtpProfile = SrtpProtectionProfile.valueOf(profile);
        pool = BufferPool.withDefaults();
        SecureRandom random = new SecureRandom();
        whatsAppRemoteKey = randomKey(random);
        SrtpMasterKey browserLocalKey = randomKey(random);
        SrtpTransformer whatsAppSide = SrtpTransformer.create(SrtpTransformer.Direction.SEND, srtpProfile,
                whatsAppRemoteKey);
        fromWhatsApp = SrtpTransformer.create(SrtpTransformer.Direction.RECEIVE, srtpProfile, whatsAppRemoteKey);
        toBrowser = SrtpTransformer.create(SrtpTransformer.Direction.SEND, srtpProfile, browserLocalKey);
        rewriter = new RtpRewriter(BROWSER_SSRC, 48_000, random.nextInt(1 << 16), random.nextInt());
        statistics = new ReceiveStatistics(48_000);

        int tagLength = whatsAppSide.tagLength();
        wire = new byte[PACKETS][];
        plain = new byte[PACKETS][];
        PacketBuffer scratch = new PacketBuffer(256, 16);
        for (int seq = 0; seq < PACKETS; seq++) {
            byte[] p = opusPacket(seq, WIRE_LENGTH - tagLength, random);
            plain[seq] = p;
            scratch.copyFrom(p, 0, p.length);
            check(whatsAppSide.transformRtp(scratch) == SrtpStatus.OK, "pre-protect");
            wire[seq] = Arrays.copyOfRange(scratch.array(), scratch.offset(), scratch.offset() + scratch.length());
            check(wire[seq].length == WIRE_LENGTH, "160-byte packets");
        }
        setUpBaseline(random, tagLength);
    }

    private SrtpMasterKey randomKey(SecureRandom random) {
        byte[] key = new byte[srtpProfile.masterKeyLength()];
        byte[] salt = new byte[srtpProfile.masterSaltLength()];
        random.nextBytes(key);
        random.nextBytes(salt);
        return new SrtpMasterKey(key, salt);
    }

    /** V=2, X=1, PT 111, a one-byte-form extension with audio level (id 1) and transport-wide seq (id 3). */
    private static byte[] opusPacket(int seq, int length, SecureRandom random) {
        byte[] p = new byte[length];
        RtpPacket.writeHeader(p, 0, false, 111, seq, 960L * seq, WHATSAPP_SSRC);
        p[0] |= 0x10;
        byte[] extension = {(byte) 0xBE, (byte) 0xDE, 0, 2, 0x10, (byte) 0x8A, 0x31, (byte) (seq >>> 8), (byte) seq,
            0, 0, 0};
        System.arraycopy(extension, 0, p, 12, extension.length);
        byte[] payload = new byte[length - HEADER_LENGTH];
        random.nextBytes(payload);
        System.arraycopy(payload, 0, p, HEADER_LENGTH, payload.length);
        return p;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark set-up failed: " + what);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        check(failures == 0, failures + " packets took a wrong path");
        check(pool.misses() < 16, "pool misses in steady state: " + pool);
    }

    private int advance() {
        int i = next;
        next = (next + 1) & (PACKETS - 1);
        arrival += FRAME_NANOS;
        return i;
    }

    @Benchmark
    public int packetPath() {
        int i = advance();
        byte[] datagram = wire[i];
        PacketBuffer buf = pool.acquire(datagram.length);
        buf.copyFrom(datagram, 0, datagram.length); // as the socket would
        int length = -1;
        if (fromWhatsApp.transformRtp(buf) == SrtpStatus.OK
                && rewriter.rewrite(buf, arrival).isForwarded()
                && toBrowser.transformRtp(buf) == SrtpStatus.OK) {
            length = buf.length();
        } else {
            failures++;
        }
        buf.release();
        if (i == PACKETS - 1) {
            // The pre-protected set starts again at sequence 0 with the same keystream: a fresh receiving context.
            fromWhatsApp = SrtpTransformer.create(SrtpTransformer.Direction.RECEIVE, srtpProfile, whatsAppRemoteKey);
        }
        return length;
    }

    @Benchmark
    public int ourCodeOnly() {
        int i = advance();
        byte[] datagram = plain[i];
        PacketBuffer buf = pool.acquire(datagram.length);
        buf.copyFrom(datagram, 0, datagram.length);
        byte[] a = buf.array();
        int off = buf.offset();
        int len = buf.length();
        int result = -1;
        if (PacketKind.classify(a, off, len) == PacketKind.RTP && RtpPacket.validate(a, off, len) == RtpStatus.OK) {
            int level = 127;
            if (extensions.reset(a, off, len) == RtpStatus.OK) {
                while (extensions.next()) {
                    if (extensions.id() == 1) {
                        level = a[extensions.dataOffset()] & 0x7F;
                    }
                }
            }
            statistics.update(RtpPacket.sequenceNumber(a, off), RtpPacket.timestamp(a, off), arrival);
            RewriteStatus status = rewriter.rewrite(buf, arrival);
            if (status.isForwarded()) {
                result = RtpPacket.sequenceNumber(a, off) + level;
            }
        }
        if (result < 0) {
            failures++;
        }
        buf.release();
        return result;
    }

    private void setUpBaseline(SecureRandom random, int tagLength) throws Exception {
        byte[] k1 = new byte[16];
        byte[] k2 = new byte[16];
        random.nextBytes(k1);
        random.nextBytes(k2);
        inKey = new SecretKeySpec(k1, "AES");
        outKey = new SecretKeySpec(k2, "AES");
        inSalt = new byte[14];
        outSalt = new byte[14];
        random.nextBytes(inSalt);
        random.nextBytes(outSalt);
        boolean gcm = srtpProfile == SrtpProtectionProfile.AEAD_AES_128_GCM;
        // One cipher per direction, as each SRTP context has its own: re-keying one shared Cipher on every call would
        // charge the baseline a key expansion per packet that the library does not pay.
        inCipher = Cipher.getInstance(gcm ? "AES/GCM/NoPadding" : "AES/CTR/NoPadding");
        outCipher = Cipher.getInstance(gcm ? "AES/GCM/NoPadding" : "AES/CTR/NoPadding");
        inMac = Mac.getInstance("HmacSHA1");
        outMac = Mac.getInstance("HmacSHA1");
        byte[] a1 = new byte[20];
        byte[] a2 = new byte[20];
        random.nextBytes(a1);
        random.nextBytes(a2);
        inMac.init(new SecretKeySpec(a1, "HmacSHA1"));
        outMac.init(new SecretKeySpec(a2, "HmacSHA1"));
        // The peer's packets, protected with the baseline's own "remote" keys so that verification succeeds.
        baselineWire = new byte[PACKETS][];
        for (int seq = 0; seq < PACKETS; seq++) {
            byte[] p = Arrays.copyOf(plain[seq], WIRE_LENGTH);
            int payloadLength = plain[seq].length - HEADER_LENGTH;
            if (gcm) {
                gcmSeal(inCipher, inKey, inSalt, p, payloadLength);
            } else {
                ctrAndTag(inCipher, Cipher.ENCRYPT_MODE, inKey, inSalt, inMac, p, payloadLength, true);
            }
            baselineWire[seq] = p;
        }
        check(tagLength == (gcm ? 16 : 10), "tag length");
    }

    private void counterIv(byte[] salt, byte[] p) {
        // RFC 3711 §4.1.1: salt·2^16 XOR SSRC·2^64 XOR index·2^16 (ROC 0).
        System.arraycopy(salt, 0, iv, 0, 14);
        iv[14] = 0;
        iv[15] = 0;
        for (int i = 0; i < 4; i++) {
            iv[4 + i] ^= p[8 + i];
        }
        iv[12] ^= p[2];
        iv[13] ^= p[3];
    }

    private void gcmIv(byte[] salt, byte[] p) {
        // RFC 7714 §8.1: (00 00 || SSRC || ROC || SEQ) XOR salt (ROC 0).
        System.arraycopy(salt, 0, gcmIv, 0, 12);
        for (int i = 0; i < 4; i++) {
            gcmIv[2 + i] ^= p[8 + i];
        }
        gcmIv[10] ^= p[2];
        gcmIv[11] ^= p[3];
    }

    /** Encrypts or decrypts the payload with AES-CTR and writes (sign) or checks the HMAC-SHA1-80 tag. */
    private boolean ctrAndTag(
            Cipher cipher, int mode, SecretKeySpec key, byte[] salt, Mac mac, byte[] p, int payloadLength, boolean sign)
            throws Exception {
        int end = HEADER_LENGTH + payloadLength;
        if (!sign) {
            mac.update(p, 0, end);
            mac.update(roc, 0, 4);
            mac.doFinal(tag, 0);
            int diff = 0;
            for (int i = 0; i < 10; i++) {
                diff |= tag[i] ^ p[end + i];
            }
            if (diff != 0) {
                return false;
            }
        }
        counterIv(salt, p);
        cipher.init(mode, key, new IvParameterSpec(iv));
        cipher.doFinal(p, HEADER_LENGTH, payloadLength, p, HEADER_LENGTH);
        if (sign) {
            mac.update(p, 0, end);
            mac.update(roc, 0, 4);
            mac.doFinal(tag, 0);
            System.arraycopy(tag, 0, p, end, 10);
        }
        return true;
    }

    private void gcmSeal(Cipher cipher, SecretKeySpec key, byte[] salt, byte[] p, int payloadLength)
            throws Exception {
        gcmIv(salt, p);
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, gcmIv));
        cipher.updateAAD(p, 0, HEADER_LENGTH);
        cipher.doFinal(p, HEADER_LENGTH, payloadLength, p, HEADER_LENGTH);
    }

    @Benchmark
    public int jceBaseline() throws Exception {
        int i = advance();
        byte[] datagram = baselineWire[i];
        byte[] p = socketBuffer;
        System.arraycopy(datagram, 0, p, 0, datagram.length); // as the socket would
        int payloadLength = datagram.length - HEADER_LENGTH;
        if (srtpProfile == SrtpProtectionProfile.AEAD_AES_128_GCM) {
            gcmIv(inSalt, p);
            inCipher.init(Cipher.DECRYPT_MODE, inKey, new GCMParameterSpec(128, gcmIv));
            inCipher.updateAAD(p, 0, HEADER_LENGTH);
            int n = inCipher.doFinal(p, HEADER_LENGTH, payloadLength, p, HEADER_LENGTH);
            RtpPacket.setSequenceNumber(p, 0, i + 7);
            gcmSeal(outCipher, outKey, outSalt, p, n);
            return n + 16;
        }
        payloadLength -= 10;
        if (!ctrAndTag(inCipher, Cipher.DECRYPT_MODE, inKey, inSalt, inMac, p, payloadLength, false)) {
            failures++;
            return -1;
        }
        RtpPacket.setSequenceNumber(p, 0, i + 7);
        ctrAndTag(outCipher, Cipher.ENCRYPT_MODE, outKey, outSalt, outMac, p, payloadLength, true);
        return payloadLength + 10;
    }
}
