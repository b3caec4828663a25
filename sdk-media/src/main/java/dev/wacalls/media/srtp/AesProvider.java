package dev.wacalls.media.srtp;

import java.time.Duration;
import java.util.Locale;
import org.jitsi.srtp.crypto.Aes;

/**
 * Which AES implementation jitsi-srtp uses, and when it decides.
 *
 * <p>Left alone, jitsi-srtp benchmarks every provider (OpenSSL through its JNI library, SunJCE, BouncyCastle) the
 * first time it needs each cipher mode — and that first time is the first packet of the first call, on the thread
 * that reads the sockets: measured here, the media of the JVM's first call stalled for ~0.7 s. Its choice also varies
 * from run to run with the machine's load. {@link #prepare()} settles both off the packet path: it fixes the
 * provider (or runs the benchmark, for {@link #AUTO}) and creates each mode's cipher once.
 *
 * <pre>{@code
 * AesProvider.OPENSSL.prepare();   // at start-up; the engine does it with its configured provider
 * }</pre>
 *
 * <p>jitsi-srtp keeps this choice JVM-wide (a static in {@code org.jitsi.srtp.crypto.Aes}): the last engine built
 * decides for all.
 */
public enum AesProvider {
    /** jitsi-srtp benchmarks the providers and keeps the fastest per mode (at {@link #prepare()} time). */
    AUTO(null),
    /** OpenSSL through jitsi-srtp's bundled JNI library (Linux x86-64): the fastest here. */
    OPENSSL("OpenSSL"),
    /** The JDK's own provider. */
    SUN_JCE("SunJCE"),
    /** BouncyCastle's pure-Java AES. */
    BOUNCY_CASTLE("BouncyCastle");

    /** The cipher modes SRTP uses: CTR (AES_CM), GCM (AEAD), ECB (key derivation and AES_CM's keystream). */
    private static final String[] MODES = {"AES/CTR/NoPadding", "AES/GCM/NoPadding", "AES/ECB/NoPadding"};

    private final String factory;

    AesProvider(String factory) {
        this.factory = factory;
    }

    /**
     * Makes this the provider and creates each mode's cipher once, so that no packet pays for the choice.
     *
     * @return how long it took (the benchmark for {@link #AUTO}, loading the native library for {@link #OPENSSL})
     * @throws IllegalStateException if this provider cannot create the ciphers here (e.g. OpenSSL's native library
     *     does not load on this platform)
     */
    public Duration prepare() {
        long start = System.nanoTime();
        Aes.setFactoryClassName(factory);
        for (String mode : MODES) {
            try {
                Aes.createCipher(mode);
            } catch (RuntimeException | Error e) {
                throw new IllegalStateException("AES provider " + name().toLowerCase(Locale.ROOT)
                        + " cannot create " + mode + " here: " + e, e);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
