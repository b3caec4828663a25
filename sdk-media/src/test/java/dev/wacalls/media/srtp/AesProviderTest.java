package dev.wacalls.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.jitsi.srtp.crypto.Aes;
import org.junit.jupiter.api.Test;

class AesProviderTest {

    private static final String[] MODES = {"AES/CTR/NoPadding", "AES/GCM/NoPadding", "AES/ECB/NoPadding"};

    @Test
    void theProviderIsSettledOncePerJvm_andAskingForAnotherLaterFailsLoudly() {
        // Whatever this JVM chose first (another test may have prepared already; AUTO may mix providers per mode)...
        java.util.Set<String> used = new java.util.HashSet<>();
        for (String mode : MODES) {
            used.add(Aes.createCipher(mode).getProvider().getName());
        }
        AesProvider same = AesProvider.AUTO;
        if (used.size() == 1) {
            same = switch (used.iterator().next()) {
                case "JitsiOpenSslProvider" -> AesProvider.OPENSSL;
                case "SunJCE" -> AesProvider.SUN_JCE;
                case "BC" -> AesProvider.BOUNCY_CASTLE;
                default -> AesProvider.AUTO;
            };
        }
        // ...preparing it again is fine, and so is AUTO...
        assertThat(same.prepare()).isLessThan(Duration.ofSeconds(30));
        assertThat(AesProvider.AUTO.prepare()).isLessThan(Duration.ofSeconds(30));

        // ...but a fixed provider some mode does not use is refused instead of silently running on another.
        AesProvider other = used.equals(java.util.Set.of("SunJCE")) ? AesProvider.BOUNCY_CASTLE : AesProvider.SUN_JCE;
        assertThatThrownBy(other::prepare)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("once per JVM");
    }
}
