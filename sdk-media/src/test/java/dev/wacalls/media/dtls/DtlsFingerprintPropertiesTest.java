package dev.wacalls.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class DtlsFingerprintPropertiesTest {

    @Property(tries = 200)
    void formattingAndParsingRoundTrip(@ForAll @Size(32) byte[] digest) {
        DtlsFingerprint f = DtlsFingerprint.of("sha-256", digest);
        assertThat(DtlsFingerprint.parse(f.toSdpValue())).isEqualTo(f);
        assertThat(f.hex()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }

    @Property(tries = 500)
    void arbitraryTextEitherParsesOrIsRefusedWithIllegalArgument(@ForAll String text) {
        try {
            DtlsFingerprint f = DtlsFingerprint.parse(text);
            assertThat(DtlsFingerprint.parse(f.toSdpValue())).isEqualTo(f);
        } catch (IllegalArgumentException expected) {
            // The only way a bad SDP value may fail.
        }
    }
}
