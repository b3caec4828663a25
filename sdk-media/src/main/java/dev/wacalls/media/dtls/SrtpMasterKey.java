package dev.wacalls.media.dtls;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One direction's SRTP master key and master salt, as exported from the DTLS handshake (RFC 5764 §4.2). Both arrays
 * are copied in and out, so holding a result never lets a caller change the keys of another.
 *
 * <pre>{@code
 * SrtpMasterKey send = session.result().localMasterKey();
 * SrtpContextFactory sender = new SrtpContextFactory(true, send.key(), send.salt(), policy, policy, logger);
 * }</pre>
 *
 * <p>{@link #toString()} never prints the secret bytes.
 */
public final class SrtpMasterKey {
    private final byte[] key;
    private final byte[] salt;

    /** Copies {@code key} and {@code salt}. */
    public SrtpMasterKey(byte[] key, byte[] salt) {
        this.key = Objects.requireNonNull(key, "key").clone();
        this.salt = Objects.requireNonNull(salt, "salt").clone();
    }

    /** A copy of the master key. */
    public byte[] key() {
        return key.clone();
    }

    /** A copy of the master salt. */
    public byte[] salt() {
        return salt.clone();
    }

    /** Bytes in the master key. */
    public int keyLength() {
        return key.length;
    }

    /** Bytes in the master salt. */
    public int saltLength() {
        return salt.length;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        // Constant time, like every comparison of secrets here.
        return o instanceof SrtpMasterKey other
                && MessageDigest.isEqual(key, other.key)
                && MessageDigest.isEqual(salt, other.salt);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(salt);
    }

    @Override
    public String toString() {
        return "SrtpMasterKey[key=" + key.length + " bytes, salt=" + salt.length + " bytes]";
    }
}
