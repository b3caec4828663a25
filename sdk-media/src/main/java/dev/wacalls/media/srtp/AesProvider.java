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
 * <p>jitsi-srtp keeps this choice JVM-wide and for good (a per-mode cache in {@code org.jitsi.srtp.crypto.Aes}):
 * the first {@link #prepare()} of the JVM decides. Asking later for another fixed provider fails, rather than
 * silently running on the first one.
 */
public enum AesProvider {
    /** jitsi-srtp benchmarks the providers and keeps the fastest per mode (at {@link #prepare()} time). */
    AUTO(null, null),
    /** OpenSSL through jitsi-srtp's bundled JNI library (Linux x86-64): the fastest here. */
    OPENSSL("OpenSSL", "JitsiOpenSslProvider"),
    /** The JDK's own provider. */
    SUN_JCE("SunJCE", "SunJCE"),
    /** BouncyCastle's pure-Java AES. */
    BOUNCY_CASTLE("BouncyCastle", "BC");

    /** The cipher modes SRTP uses: CTR (AES_CM), GCM (AEAD), ECB (key derivation and AES_CM's keystream). */
    private static final String[] MODES = {"AES/CTR/NoPadding", "AES/GCM/NoPadding", "AES/ECB/NoPadding"};

    private final String factory;
    private final String providerName;

    AesProvider(String factory, String providerName) {
        this.factory = factory;
        this.providerName = providerName;
    }

    /**
     * Makes this the provider and creates each mode's cipher once, so that no packet pays for the choice.
     *
     * @return how long it took (the benchmark for {@link #AUTO}, loading the native library for {@link #OPENSSL})
     * @throws IllegalStateException if this provider cannot create the ciphers here (e.g. OpenSSL's native library
     *     does not load on this platform, and jitsi-srtp fell back to another), or another provider was fixed
     *     earlier in this JVM
     */
    public Duration prepare() {
        long start = System.nanoTime();
        Aes.setFactoryClassName(factory);
        for (String mode : MODES) {
            String used;
            try {
                used = Aes.createCipher(mode).getProvider().getName();
            } catch (RuntimeException | Error e) {
                throw new IllegalStateException("AES provider " + name().toLowerCase(Locale.ROOT)
                        + " cannot create " + mode + " here: " + e, e);
            }
            if (providerName != null && !providerName.equals(used)) {
                throw new IllegalStateException("AES provider " + name().toLowerCase(Locale.ROOT) + " was asked for "
                        + mode + ", but jitsi-srtp uses " + used + ": either it is not available here (jitsi-srtp "
                        + "falls back quietly) or another provider was chosen earlier in this JVM (the choice is made "
                        + "once per JVM)");
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
