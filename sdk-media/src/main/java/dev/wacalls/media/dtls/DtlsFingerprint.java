package dev.wacalls.media.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A certificate fingerprint as carried by the SDP {@code a=fingerprint} attribute (RFC 8122 §5): a hash function
 * name and the digest of the DER certificate, written as upper-case hex pairs separated by colons.
 *
 * <pre>{@code
 * DtlsFingerprint theirs = DtlsFingerprint.parse("sha-256 1B:B6:6B:40:A5:0B:8C:75:0D:8C:CB:90:2F:99:74:1E:"
 *         + "26:45:AE:AF:45:C1:51:60:8F:73:C9:2D:10:6D:8A:88");
 * String ours = "a=fingerprint:" + certificate.fingerprint().toSdpValue();   // "a=fingerprint:sha-256 AA:…"
 * }</pre>
 *
 * <p>Supported hash functions: {@code sha-256} (the only one WhatsApp accepts, and the one RFC 8122 makes
 * mandatory), {@code sha-384} and {@code sha-512}. Weaker ones ({@code md5}, {@code sha-1}) are refused, since the
 * fingerprint is the only thing that authenticates the peer.
 */
public final class DtlsFingerprint {
    /** The hash function WhatsApp requires (Meta: "use SHA-256 fingerprints only"). */
    public static final String SHA_256 = "sha-256";
    /** Also accepted from peers. */
    public static final String SHA_384 = "sha-384";
    /** Also accepted from peers. */
    public static final String SHA_512 = "sha-512";

    private static final HexFormat HEX = HexFormat.ofDelimiter(":").withUpperCase();

    private final String hashFunction;
    private final byte[] digest;

    private DtlsFingerprint(String hashFunction, byte[] digest) {
        this.hashFunction = hashFunction;
        this.digest = digest;
    }

    /**
     * Parses the value of an {@code a=fingerprint} line: {@code "sha-256 AA:BB:…"}. A leading {@code a=fingerprint:}
     * is tolerated; the hash name and hex digits are case-insensitive.
     *
     * @throws IllegalArgumentException if it is malformed, uses an unsupported hash, or has the wrong length
     */
    public static DtlsFingerprint parse(String sdpValue) {
        String s = sdpValue.strip();
        if (s.regionMatches(true, 0, "a=fingerprint:", 0, 14)) {
            s = s.substring(14).strip();
        }
        String[] parts = s.split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("a fingerprint is '<hash-function> <XX:XX:…>', got: " + sdpValue);
        }
        String hash = canonicalHash(parts[0]);
        String hex = parts[1];
        // RFC 8122 §5: pairs of hex digits separated by colons; HexFormat would also accept a trailing/odd shape.
        if (!hex.matches("(?:[0-9A-Fa-f]{2}:)*[0-9A-Fa-f]{2}")) {
            throw new IllegalArgumentException("fingerprint digest is not colon-separated hex pairs: " + hex);
        }
        byte[] digest = HEX.parseHex(hex.toUpperCase(Locale.ROOT));
        return of(hash, digest);
    }

    /**
     * A fingerprint from a hash function name and a digest.
     *
     * @throws IllegalArgumentException for an unsupported hash function or a digest of the wrong length
     */
    public static DtlsFingerprint of(String hashFunction, byte[] digest) {
        String hash = canonicalHash(hashFunction);
        int expected = digestLength(hash);
        if (digest.length != expected) {
            throw new IllegalArgumentException(
                    hash + " fingerprint must have " + expected + " bytes, got " + digest.length);
        }
        return new DtlsFingerprint(hash, digest.clone());
    }

    /** The fingerprint of a DER-encoded certificate. */
    public static DtlsFingerprint ofCertificate(String hashFunction, byte[] derCertificate) {
        String hash = canonicalHash(hashFunction);
        return new DtlsFingerprint(hash, newDigest(hash).digest(derCertificate));
    }

    /** The hash function name as SDP writes it, lower-case: {@code sha-256}. */
    public String hashFunction() {
        return hashFunction;
    }

    /** A copy of the digest bytes. */
    public byte[] digest() {
        return digest.clone();
    }

    /** The digest as SDP writes it: upper-case hex pairs separated by colons ({@code AA:BB:…}). */
    public String hex() {
        return HEX.formatHex(digest);
    }

    /** The value of an {@code a=fingerprint} line: {@code "sha-256 AA:BB:…"}. */
    public String toSdpValue() {
        return hashFunction + " " + hex();
    }

    /**
     * Whether this fingerprint is the one of {@code derCertificate}, compared in constant time so that the time taken
     * reveals nothing about how many bytes matched.
     */
    public boolean matches(byte[] derCertificate) {
        return MessageDigest.isEqual(digest, newDigest(hashFunction).digest(derCertificate));
    }

    /**
     * Which of {@code expected} the certificate matches, or {@code null}. Only the fingerprints made with the
     * strongest hash function present are considered, so that a weaker line added to the SDP cannot be what lets a
     * certificate through; more than one fingerprint with that function means "any of these certificates".
     */
    static @Nullable DtlsFingerprint findMatch(List<DtlsFingerprint> expected, byte[] derCertificate) {
        String strongest = null;
        for (DtlsFingerprint f : expected) {
            if (strongest == null || digestLength(f.hashFunction) > digestLength(strongest)) {
                strongest = f.hashFunction;
            }
        }
        if (strongest == null) {
            return null;
        }
        byte[] actual = newDigest(strongest).digest(derCertificate);
        DtlsFingerprint match = null;
        for (DtlsFingerprint f : expected) {
            // No early exit: every candidate is compared, in constant time.
            if (f.hashFunction.equals(strongest) && MessageDigest.isEqual(f.digest, actual) && match == null) {
                match = f;
            }
        }
        return match;
    }

    private static String canonicalHash(String name) {
        String hash = name.strip().toLowerCase(Locale.ROOT);
        digestLength(hash);
        return hash;
    }

    private static int digestLength(String hash) {
        return switch (hash) {
            case SHA_256 -> 32;
            case SHA_384 -> 48;
            case SHA_512 -> 64;
            default -> throw new IllegalArgumentException("unsupported fingerprint hash function '" + hash
                    + "': use sha-256 (WhatsApp accepts only sha-256), sha-384 or sha-512");
        };
    }

    private static MessageDigest newDigest(String hash) {
        try {
            return MessageDigest.getInstance(hash.toUpperCase(Locale.ROOT));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has " + hash, e);
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof DtlsFingerprint other
                && hashFunction.equals(other.hashFunction)
                && Arrays.equals(digest, other.digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hashFunction, Arrays.hashCode(digest));
    }

    @Override
    public String toString() {
        return toSdpValue();
    }
}
