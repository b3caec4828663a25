package dev.wacalls.media.srtp;

import dev.wacalls.media.dtls.DtlsHandshakeResult;
import dev.wacalls.media.dtls.SrtpMasterKey;
import dev.wacalls.media.dtls.SrtpProtectionProfile;
import dev.wacalls.media.rtp.PacketBuffer;
import dev.wacalls.media.rtp.RtpPacket;
import dev.wacalls.media.rtp.RtpStatus;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;
import org.jspecify.annotations.Nullable;

/**
 * Protects (sending) or unprotects (receiving) the RTP and RTCP of one direction of one leg, in place, with the SRTP
 * profile and master key that DTLS-SRTP negotiated: the local key for what we send, the remote key for what we receive
 * (RFC 5764 §4.2). Both profiles WebRTC peers use are supported: {@code AEAD_AES_128_GCM} (RFC 7714) and
 * {@code AES_CM_128_HMAC_SHA1_80} (RFC 3711).
 *
 * <pre>{@code
 * SrtpTransformer in = SrtpTransformer.forReceiving(dtlsResult);
 * SrtpTransformer out = SrtpTransformer.forSending(dtlsResult);
 *
 * PacketBuffer buf = pool.acquire(n);
 * buf.copyFrom(datagram, 0, n);
 * if (in.transformRtp(buf) == SrtpStatus.OK) {        // authenticated, decrypted, tag removed
 *     // … use or rewrite the RTP packet
 *     out.transformRtp(buf);                           // encrypted, tag appended (needs tail room)
 * }
 * buf.release();
 * long forged = in.rtpCount(SrtpStatus.AUTH_FAIL);
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Never throws on a packet: every outcome is an {@link SrtpStatus}, and each is counted per RTP/RTCP.</li>
 *   <li>Never allocates a buffer: when the tag does not fit after the packet, the packet is moved into its head room
 *       ({@link PacketBuffer#ensureTailRoom}); if that is not enough either, the answer is {@link SrtpStatus#NO_ROOM}.
 *   </li>
 *   <li>One crypto context per SSRC (RFC 3711 §3.2.3), up to {@value #MAX_SOURCES} per direction. A receiving
 *       context for a new SSRC is kept only once a packet of that SSRC has authenticated, so garbage with random
 *       SSRCs cannot evict the real stream's context (each such packet still costs a key derivation, counted in
 *       {@link #contextsDerived()}).</li>
 *   <li>Not thread-safe: a transformer belongs to one leg's I/O thread. Counters may be read from any thread.</li>
 * </ul>
 */
public final class SrtpTransformer implements AutoCloseable {
    /**
     * Which way packets go through a transformer.
     *
     * <pre>{@code
     * SrtpTransformer t = SrtpTransformer.create(Direction.RECEIVE, profile, dtlsResult.remoteMasterKey());
     * }</pre>
     */
    public enum Direction {
        /** Protects outgoing packets with our (local) master key. */
        SEND,
        /** Unprotects incoming packets with the peer's (remote) master key. */
        RECEIVE
    }

    /** SSRCs kept per direction and per RTP/RTCP: a call has one, a restart or a relay switch adds one. */
    public static final int MAX_SOURCES = 4;
    /** Bytes of the SRTCP E flag + index word (RFC 3711 §3.4). */
    static final int SRTCP_INDEX_LENGTH = 4;

    private static final Logger JITSI_LOGGER = new LoggerImpl(SrtpTransformer.class.getName() + ".jitsi");
    private static final SrtpStatus[] STATUSES = SrtpStatus.values();

    private final Direction direction;
    private final SrtpProtectionProfile profile;
    private final SrtpContextFactory factory;
    private final int tagLength;
    private final PacketBufferView view = new PacketBufferView();

    private final int[] rtpSsrcs = new int[MAX_SOURCES];
    private final @Nullable SrtpCryptoContext[] rtpContexts = new SrtpCryptoContext[MAX_SOURCES];
    private int rtpSize;
    private int rtpVictim;
    private int rtpCandidateSsrc;
    private @Nullable SrtpCryptoContext rtpCandidate;

    private final int[] rtcpSsrcs = new int[MAX_SOURCES];
    private final @Nullable SrtcpCryptoContext[] rtcpContexts = new SrtcpCryptoContext[MAX_SOURCES];
    private int rtcpSize;
    private int rtcpVictim;
    private int rtcpCandidateSsrc;
    private @Nullable SrtcpCryptoContext rtcpCandidate;

    private final AtomicLongArray rtpCounts = new AtomicLongArray(STATUSES.length);
    private final AtomicLongArray rtcpCounts = new AtomicLongArray(STATUSES.length);
    private final AtomicLong contextsDerived = new AtomicLong();
    private volatile boolean closed;

    private SrtpTransformer(Direction direction, SrtpProtectionProfile profile, SrtpMasterKey masterKey) {
        this.direction = Objects.requireNonNull(direction, "direction");
        this.profile = Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(masterKey, "masterKey");
        if (masterKey.keyLength() != profile.masterKeyLength()
                || masterKey.saltLength() != profile.masterSaltLength()) {
            throw new IllegalArgumentException(masterKey + " does not fit " + profile);
        }
        SrtpPolicy policy = policy(profile);
        this.tagLength = policy.getAuthTagLength();
        byte[] key = masterKey.key();
        byte[] salt = masterKey.salt();
        try {
            // The factory copies both; RTP and RTCP use the same policy in both profiles (RFC 5764 §4.1.2,
            // RFC 7714 §14.2).
            this.factory = new SrtpContextFactory(direction == Direction.SEND, key, salt, policy, policy, JITSI_LOGGER);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(salt, (byte) 0);
        }
    }

    /** The transformer that protects what we send on this leg, with the local master key of the handshake. */
    public static SrtpTransformer forSending(DtlsHandshakeResult keys) {
        return create(Direction.SEND, keys.srtpProfile(), keys.localMasterKey());
    }

    /** The transformer that unprotects what the peer sends on this leg, with the remote master key. */
    public static SrtpTransformer forReceiving(DtlsHandshakeResult keys) {
        return create(Direction.RECEIVE, keys.srtpProfile(), keys.remoteMasterKey());
    }

    /**
     * A transformer from a profile and a master key directly (SDES keys, tests).
     *
     * @throws IllegalArgumentException if the key or salt length does not fit the profile
     */
    public static SrtpTransformer create(Direction direction, SrtpProtectionProfile profile, SrtpMasterKey key) {
        return new SrtpTransformer(direction, profile, key);
    }

    static SrtpPolicy policy(SrtpProtectionProfile profile) {
        switch (profile) {
            case AES_CM_128_HMAC_SHA1_80:
                // RFC 5764 §4.1.2: AES-128 counter mode, HMAC-SHA1 with a 160-bit key and an 80-bit tag, 112-bit salt.
                return new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, 16, SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, 10, 14);
            case AEAD_AES_128_GCM:
                // RFC 7714 §14.2: AES-128-GCM, no separate authentication, 16-byte tag, 96-bit salt.
                return new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, 16, SrtpPolicy.NULL_AUTHENTICATION, 0, 16, 12);
            default:
                throw new IllegalArgumentException("unsupported SRTP profile " + profile);
        }
    }

    /**
     * Protects (sending) or unprotects (receiving) the RTP packet in {@code buffer}, in place. On success a protected
     * packet is longer by the tag, an unprotected one shorter by it; on any other status the packet must be dropped.
     */
    public SrtpStatus transformRtp(PacketBuffer buffer) {
        SrtpStatus status;
        try {
            status = direction == Direction.SEND ? protectRtp(buffer) : unprotectRtp(buffer);
        } catch (GeneralSecurityException | RuntimeException e) {
            // jitsi-srtp and the JCE may throw on input they did not expect: a status, never an exception, here.
            status = SrtpStatus.FAIL;
        } finally {
            view.unbind();
        }
        increment(rtpCounts, status);
        return status;
    }

    /**
     * Protects (sending) or unprotects (receiving) the compound RTCP packet in {@code buffer}, in place. Protection
     * appends the SRTCP index (with the E bit: RTCP is always encrypted) and the tag.
     */
    public SrtpStatus transformRtcp(PacketBuffer buffer) {
        SrtpStatus status;
        try {
            status = direction == Direction.SEND ? protectRtcp(buffer) : unprotectRtcp(buffer);
        } catch (GeneralSecurityException | RuntimeException e) {
            status = SrtpStatus.FAIL;
        } finally {
            view.unbind();
        }
        increment(rtcpCounts, status);
        return status;
    }

    private SrtpStatus protectRtp(PacketBuffer buffer) throws GeneralSecurityException {
        if (closed) {
            return SrtpStatus.FAIL;
        }
        // jitsi-srtp reads the header without bounds checks when protecting.
        if (RtpPacket.validate(buffer.array(), buffer.offset(), buffer.length()) != RtpStatus.OK) {
            return SrtpStatus.INVALID_PACKET;
        }
        // HMAC tag appended, or GCM writing ciphertext + tag in place (RFC 7714 §7): needs the bytes after the packet.
        if (!buffer.ensureTailRoom(tagLength)) {
            return SrtpStatus.NO_ROOM;
        }
        int ssrc = RtpPacket.ssrc(buffer.array(), buffer.offset());
        SrtpCryptoContext context = findRtp(ssrc);
        if (context == null) {
            context = factory.deriveContext(ssrc, 0);
            contextsDerived.incrementAndGet();
            keepRtp(ssrc, context);
        }
        view.bind(buffer);
        SrtpStatus status = SrtpStatus.of(context.transformPacket(view));
        if (status == SrtpStatus.OK) {
            view.writeBack(buffer);
        }
        return status;
    }

    private SrtpStatus unprotectRtp(PacketBuffer buffer) throws GeneralSecurityException {
        if (closed) {
            return SrtpStatus.FAIL;
        }
        byte[] a = buffer.array();
        int off = buffer.offset();
        int len = buffer.length();
        // Header (with CSRCs and extension) must fit before the tag; the padding is still encrypted.
        if (len < RtpPacket.FIXED_HEADER_LENGTH + tagLength || RtpPacket.headerLength(a, off, len - tagLength) < 0) {
            return SrtpStatus.INVALID_PACKET;
        }
        buffer.ensureTailRoom(tagLength); // best effort; decryption shrinks the packet
        int ssrc = RtpPacket.ssrc(buffer.array(), buffer.offset());
        SrtpCryptoContext context = findRtp(ssrc);
        boolean candidate = false;
        if (context == null) {
            candidate = true;
            context = rtpCandidate;
            if (context == null || rtpCandidateSsrc != ssrc) {
                context = factory.deriveContext(ssrc, 0);
                contextsDerived.incrementAndGet();
                rtpCandidate = context;
                rtpCandidateSsrc = ssrc;
            }
        }
        view.bind(buffer);
        SrtpErrorStatus result = context.reverseTransformPacket(view, false);
        SrtpStatus status = SrtpStatus.of(result);
        if (status == SrtpStatus.OK) {
            view.writeBack(buffer);
            if (candidate) {
                keepRtp(ssrc, context);
                rtpCandidate = null;
            }
        }
        return status;
    }

    private SrtpStatus protectRtcp(PacketBuffer buffer) throws GeneralSecurityException {
        if (closed) {
            return SrtpStatus.FAIL;
        }
        if (!isRtcpHeader(buffer, 8)) {
            return SrtpStatus.INVALID_PACKET;
        }
        if (!buffer.ensureTailRoom(SRTCP_INDEX_LENGTH + tagLength)) {
            return SrtpStatus.NO_ROOM;
        }
        int ssrc = senderSsrc(buffer);
        SrtcpCryptoContext context = findRtcp(ssrc);
        if (context == null) {
            context = factory.deriveControlContext(ssrc);
            contextsDerived.incrementAndGet();
            keepRtcp(ssrc, context);
        }
        view.bind(buffer);
        SrtpStatus status = SrtpStatus.of(context.transformPacket(view));
        if (status == SrtpStatus.OK) {
            view.writeBack(buffer);
        }
        return status;
    }

    private SrtpStatus unprotectRtcp(PacketBuffer buffer) throws GeneralSecurityException {
        if (closed) {
            return SrtpStatus.FAIL;
        }
        if (!isRtcpHeader(buffer, 8 + SRTCP_INDEX_LENGTH + tagLength)) {
            return SrtpStatus.INVALID_PACKET;
        }
        buffer.ensureTailRoom(tagLength);
        int ssrc = senderSsrc(buffer);
        SrtcpCryptoContext context = findRtcp(ssrc);
        boolean candidate = false;
        if (context == null) {
            candidate = true;
            context = rtcpCandidate;
            if (context == null || rtcpCandidateSsrc != ssrc) {
                context = factory.deriveControlContext(ssrc);
                contextsDerived.incrementAndGet();
                rtcpCandidate = context;
                rtcpCandidateSsrc = ssrc;
            }
        }
        view.bind(buffer);
        SrtpStatus status = SrtpStatus.of(context.reverseTransformPacket(view));
        if (status == SrtpStatus.OK) {
            view.writeBack(buffer);
            if (candidate) {
                keepRtcp(ssrc, context);
                rtcpCandidate = null;
            }
        }
        return status;
    }

    private static boolean isRtcpHeader(PacketBuffer buffer, int minimumLength) {
        return buffer.length() >= minimumLength && (buffer.array()[buffer.offset()] & 0xC0) == 0x80;
    }

    private static int senderSsrc(PacketBuffer buffer) {
        byte[] a = buffer.array();
        int i = buffer.offset() + 4;
        return ((a[i] & 0xFF) << 24) | ((a[i + 1] & 0xFF) << 16) | ((a[i + 2] & 0xFF) << 8) | (a[i + 3] & 0xFF);
    }

    private @Nullable SrtpCryptoContext findRtp(int ssrc) {
        for (int i = 0; i < rtpSize; i++) {
            if (rtpSsrcs[i] == ssrc) {
                return rtpContexts[i];
            }
        }
        return null;
    }

    private void keepRtp(int ssrc, SrtpCryptoContext context) {
        int slot;
        if (rtpSize < MAX_SOURCES) {
            slot = rtpSize++;
        } else {
            slot = rtpVictim;
            rtpVictim = (rtpVictim + 1) % MAX_SOURCES;
        }
        rtpSsrcs[slot] = ssrc;
        rtpContexts[slot] = context;
    }

    private @Nullable SrtcpCryptoContext findRtcp(int ssrc) {
        for (int i = 0; i < rtcpSize; i++) {
            if (rtcpSsrcs[i] == ssrc) {
                return rtcpContexts[i];
            }
        }
        return null;
    }

    private void keepRtcp(int ssrc, SrtcpCryptoContext context) {
        int slot;
        if (rtcpSize < MAX_SOURCES) {
            slot = rtcpSize++;
        } else {
            slot = rtcpVictim;
            rtcpVictim = (rtcpVictim + 1) % MAX_SOURCES;
        }
        rtcpSsrcs[slot] = ssrc;
        rtcpContexts[slot] = context;
    }

    private static void increment(AtomicLongArray counts, SrtpStatus status) {
        int i = status.ordinal();
        // One writer (the leg's thread): a plain read-increment-publish is enough and cheaper than a CAS.
        counts.lazySet(i, counts.get(i) + 1);
    }

    /** Whether this transformer protects ({@link Direction#SEND}) or unprotects ({@link Direction#RECEIVE}). */
    public Direction direction() {
        return direction;
    }

    /** The negotiated profile. */
    public SrtpProtectionProfile profile() {
        return profile;
    }

    /** Bytes of authentication tag per packet: 10 for HMAC-SHA1-80, 16 for GCM. */
    public int tagLength() {
        return tagLength;
    }

    /** RTP packets that ended with {@code status}. */
    public long rtpCount(SrtpStatus status) {
        return rtpCounts.get(status.ordinal());
    }

    /** RTCP packets that ended with {@code status}. */
    public long rtcpCount(SrtpStatus status) {
        return rtcpCounts.get(status.ordinal());
    }

    /** Crypto contexts derived (one key derivation each, RFC 3711 §4.3). */
    public long contextsDerived() {
        return contextsDerived.get();
    }

    /**
     * Forgets every context and wipes the factory's master key copy; afterwards every packet gets
     * {@link SrtpStatus#FAIL}. (jitsi-srtp 1.1 contexts have no way to wipe their session keys; dropping them leaves
     * those to the GC.)
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = 0; i < rtpSize; i++) {
            rtpContexts[i] = null;
        }
        for (int i = 0; i < rtcpSize; i++) {
            rtcpContexts[i] = null;
        }
        rtpCandidate = null;
        rtcpCandidate = null;
        rtpSize = 0;
        rtcpSize = 0;
        factory.close();
    }

    @Override
    public String toString() {
        return "SrtpTransformer[" + direction + ", " + profile + ", rtp OK=" + rtpCount(SrtpStatus.OK)
                + ", rtp AUTH_FAIL=" + rtpCount(SrtpStatus.AUTH_FAIL) + "]";
    }
}
