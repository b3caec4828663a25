package dev.wacalls.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.jitsi.srtp.crypto.Aes;
import org.junit.jupiter.api.Test;

class AesProviderTest {

    @Test
    void theProviderIsSettledOncePerJvm_andAskingForAnotherLaterFailsLoudly() {
        // Whatever the test JVM chose first (another test may have prepared already), preparing it again is fine...
        String chosen = Aes.createCipher("AES/GCM/NoPadding").getProvider().getName();
        AesProvider same = switch (chosen) {
            case "JitsiOpenSslProvider" -> AesProvider.OPENSSL;
            case "SunJCE" -> AesProvider.SUN_JCE;
            case "BC" -> AesProvider.BOUNCY_CASTLE;
            default -> AesProvider.AUTO;
        };
        assertThat(same.prepare()).isLessThan(Duration.ofSeconds(30));
        assertThat(AesProvider.AUTO.prepare()).isLessThan(Duration.ofSeconds(30));

        // ...and a different fixed one is refused instead of silently running on the first.
        AesProvider other = same == AesProvider.SUN_JCE ? AesProvider.BOUNCY_CASTLE : AesProvider.SUN_JCE;
        assertThatThrownBy(other::prepare)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("once per JVM")
                .hasMessageContaining(chosen);
    }
}
