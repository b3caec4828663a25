package dev.wacalls.media.sdp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A certificate fingerprint, {@code a=fingerprint} (RFC 8122 §5): the hash function's name and the digest of the
 * certificate's DER encoding. The DTLS layer checks the peer's certificate with {@link #matches(byte[])}.
 *
 * <pre>{@code
 * Fingerprint ours = Fingerprint.sha256(certificate.getEncoded());
 * String line = "a=fingerprint:" + ours.toAttributeValue(); // "sha-256 1B:B6:…:8A:88"
 *
 * Fingerprint theirs = audio.fingerprint("sha-256").orElseThrow();
 * if (!theirs.matches(peerCertificate.getEncoded())) { abort(); }
 * }</pre>
 */
public final class Fingerprint {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String algorithm;
    private final byte[] value;

    /**
     * @param algorithm the hash function's textual name (RFC 8122 §5: {@code sha-256}, …), stored lower-case
     * @param value the digest; for the SHA family its length must be the digest's length
     * @throws IllegalArgumentException for an empty name or value, or a digest of the wrong length
     */
    public Fingerprint(String algorithm, byte[] value) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(value, "value");
        String a = algorithm.toLowerCase(Locale.ROOT);
        if (a.isEmpty() || !Tokens.isToken(a)) {
            throw new IllegalArgumentException("bad hash function name '" + algorithm + "'");
        }
        if (value.length == 0) {
            throw new IllegalArgumentException("empty fingerprint");
        }
        int expected = digestLength(a);
        if (expected > 0 && value.length != expected) {
            throw new IllegalArgumentException(
                    a + " fingerprint must have " + expected + " bytes, not " + value.length);
        }
        this.algorithm = a;
        this.value = value.clone();
    }

    /** The sha-256 fingerprint of a certificate: the only kind Meta accepts. */
    public static Fingerprint sha256(byte[] certificateDer) {
        return of("sha-256", certificateDer);
    }

    /**
     * The fingerprint of a certificate with the named hash function.
     *
     * @throws IllegalArgumentException if the function is not one of sha-1, sha-224, sha-256, sha-384, sha-512
     */
    public static Fingerprint of(String algorithm, byte[] certificateDer) {
        MessageDigest md = digest(algorithm.toLowerCase(Locale.ROOT));
        if (md == null) {
            throw new IllegalArgumentException("unsupported hash function '" + algorithm + "'");
        }
        return new Fingerprint(algorithm, md.digest(certificateDer));
    }

    /**
     * Reads the value of an {@code a=fingerprint} attribute: {@code hash-func SP fingerprint}, the fingerprint being
     * two hex digits per byte separated by colons. RFC 8122 writes upper-case hex; lower-case is accepted.
     *
     * @throws IllegalArgumentException with the problem in words
     */
    public static Fingerprint parse(String attributeValue) {
        String v = attributeValue.strip();
        int sp = Tokens.indexOfBlank(v);
        if (sp < 0) {
            throw new IllegalArgumentException("fingerprint needs '<hash-function> <hex>'");
        }
        String algorithm = v.substring(0, sp);
        String hex = v.substring(sp).strip();
        if (hex.isEmpty() || (hex.length() + 1) % 3 != 0) {
            throw new IllegalArgumentException("fingerprint must be hex byte pairs separated by ':'");
        }
        byte[] bytes = new byte[(hex.length() + 1) / 3];
        for (int i = 0; i < bytes.length; i++) {
            int at = i * 3;
            int hi = Character.digit(hex.charAt(at), 16);
            int lo = Character.digit(hex.charAt(at + 1), 16);
            // Character.digit accepts non-ASCII digits: only 0-9/A-F/a-f are hex here.
            if (!isAsciiHex(hex.charAt(at)) || !isAsciiHex(hex.charAt(at + 1)) || hi < 0 || lo < 0
                    || (at + 2 < hex.length() && hex.charAt(at + 2) != ':')) {
                throw new IllegalArgumentException("fingerprint must be hex byte pairs separated by ':'");
            }
            bytes[i] = (byte) (hi << 4 | lo);
        }
        return new Fingerprint(algorithm, bytes);
    }

    /** The hash function's name, lower-case, e.g. {@code sha-256}. */
    public String algorithm() {
        return algorithm;
    }

    /** A copy of the digest. */
    public byte[] value() {
        return value.clone();
    }

    /** The digest as RFC 8122 writes it: upper-case hex pairs separated by colons, {@code AA:BB:…}. */
    public String hex() {
        StringBuilder b = new StringBuilder(value.length * 3);
        for (int i = 0; i < value.length; i++) {
            if (i > 0) {
                b.append(':');
            }
            b.append(HEX[(value[i] >> 4) & 0xF]).append(HEX[value[i] & 0xF]);
        }
        return b.toString();
    }

    /** The attribute value, {@code sha-256 AA:BB:…}. */
    public String toAttributeValue() {
        return algorithm + " " + hex();
    }

    /**
     * Whether a certificate (its DER encoding) has this fingerprint, hashing it with this fingerprint's function
     * (RFC 8122 §5) and comparing in constant time. False for hash functions this class cannot compute (md5, md2
     * or unknown names: RFC 8122 §5 forbids MD2 and MD5 anyway).
     */
    public boolean matches(byte[] certificateDer) {
        Objects.requireNonNull(certificateDer, "certificateDer");
        MessageDigest md = digest(algorithm);
        if (md == null) {
            return false;
        }
        // MessageDigest.isEqual runs in time independent of where the arrays differ.
        return MessageDigest.isEqual(md.digest(certificateDer), value);
    }

    /** Whether {@link #matches} can compute this fingerprint's hash function. */
    public boolean isComputable() {
        return digest(algorithm) != null;
    }

    private static @Nullable MessageDigest digest(String algorithm) {
        String jca = switch (algorithm) {
            case "sha-1" -> "SHA-1";
            case "sha-224" -> "SHA-224";
            case "sha-256" -> "SHA-256";
            case "sha-384" -> "SHA-384";
            case "sha-512" -> "SHA-512";
            default -> null;
        };
        if (jca == null) {
            return null;
        }
        try {
            return MessageDigest.getInstance(jca);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has " + jca, e);
        }
    }

    private static int digestLength(String algorithm) {
        return switch (algorithm) {
            case "sha-1" -> 20;
            case "sha-224" -> 28;
            case "sha-256" -> 32;
            case "sha-384" -> 48;
            case "sha-512" -> 64;
            default -> -1;
        };
    }

    private static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Fingerprint f && f.algorithm.equals(algorithm) && Arrays.equals(f.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return toAttributeValue();
    }
}
