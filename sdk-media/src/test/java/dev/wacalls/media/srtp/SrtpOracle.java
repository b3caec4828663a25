package dev.wacalls.media.srtp;

import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent reference implementation of the bits of RFC 3711 and RFC 7714 the known-answer tests need, written
 * straight from the RFC text with the plain JCE (no jitsi-srtp code), so that jitsi-srtp's output can be checked
 * against it where the RFCs give vectors only for intermediate values.
 */
final class SrtpOracle {
    static final byte LABEL_RTP_ENCRYPTION = 0;
    static final byte LABEL_RTP_AUTH = 1;
    static final byte LABEL_RTP_SALT = 2;
    static final byte LABEL_RTCP_ENCRYPTION = 3;
    static final byte LABEL_RTCP_AUTH = 4;
    static final byte LABEL_RTCP_SALT = 5;

    private SrtpOracle() {}

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s+", ""));
    }

    static String hex(byte[] a) {
        return HexFormat.of().formatHex(a);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static byte[] aesCtr(byte[] key, byte[] iv16, byte[] data) throws Exception {
        Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv16));
        return c.doFinal(data);
    }

    /**
     * RFC 3711 §4.3.1 with key_derivation_rate 0: x = master_salt XOR (label at octet 7 of the 14-octet salt), then
     * the AES-CM keystream from IV x·2^16. A 12-octet (AEAD, RFC 7714 §11) salt is zero-padded to 14 octets, as
     * libsrtp does.
     */
    static byte[] kdf(byte[] masterKey, byte[] masterSalt, byte label, int length) throws Exception {
        byte[] iv = new byte[16];
        System.arraycopy(masterSalt, 0, iv, 0, masterSalt.length);
        iv[7] ^= label;
        return aesCtr(masterKey, iv, new byte[length]);
    }

    /** RFC 3711 §4.1.1: IV = (k_s·2^16) XOR (SSRC·2^64) XOR (i·2^16) for SRTP (48-bit index). */
    static byte[] cmIvRtp(byte[] sessionSalt, int ssrc, long index) {
        byte[] iv = new byte[16];
        System.arraycopy(sessionSalt, 0, iv, 0, 14);
        for (int i = 0; i < 4; i++) {
            iv[4 + i] ^= (byte) (ssrc >>> (24 - 8 * i));
        }
        for (int i = 0; i < 6; i++) {
            iv[8 + i] ^= (byte) (index >>> (40 - 8 * i));
        }
        return iv;
    }

    /** RFC 3711 §4.1.1 for SRTCP: the 31-bit index in octets 10–13. */
    static byte[] cmIvRtcp(byte[] sessionSalt, int ssrc, int index) {
        byte[] iv = new byte[16];
        System.arraycopy(sessionSalt, 0, iv, 0, 14);
        for (int i = 0; i < 4; i++) {
            iv[4 + i] ^= (byte) (ssrc >>> (24 - 8 * i));
            iv[10 + i] ^= (byte) (index >>> (24 - 8 * i));
        }
        return iv;
    }

    /** RFC 7714 §8.1: IV = (00 00 || SSRC || ROC || SEQ) XOR salt. */
    static byte[] gcmIvRtp(byte[] sessionSalt, int ssrc, int roc, int seq) {
        byte[] iv = Arrays.copyOf(sessionSalt, 12);
        for (int i = 0; i < 4; i++) {
            iv[2 + i] ^= (byte) (ssrc >>> (24 - 8 * i));
            iv[6 + i] ^= (byte) (roc >>> (24 - 8 * i));
        }
        iv[10] ^= (byte) (seq >>> 8);
        iv[11] ^= (byte) seq;
        return iv;
    }

    /** RFC 7714 §9.1: IV = (00 00 || SSRC || 00 00 || 0 || SRTCP index) XOR salt. */
    static byte[] gcmIvRtcp(byte[] sessionSalt, int ssrc, int index) {
        byte[] iv = Arrays.copyOf(sessionSalt, 12);
        for (int i = 0; i < 4; i++) {
            iv[2 + i] ^= (byte) (ssrc >>> (24 - 8 * i));
            iv[8 + i] ^= (byte) ((index & 0x7FFF_FFFF) >>> (24 - 8 * i));
        }
        return iv;
    }

    static byte[] aesGcm(int mode, byte[] key, byte[] iv12, byte[] aad, byte[] data) throws Exception {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv12));
        c.updateAAD(aad);
        return c.doFinal(data);
    }

    static byte[] hmacSha1(byte[] key, byte[]... parts) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key, "HmacSHA1"));
        for (byte[] p : parts) {
            mac.update(p);
        }
        return mac.doFinal();
    }

    static int readInt(byte[] a, int at) {
        return ((a[at] & 0xFF) << 24) | ((a[at + 1] & 0xFF) << 16) | ((a[at + 2] & 0xFF) << 8) | (a[at + 3] & 0xFF);
    }
}
