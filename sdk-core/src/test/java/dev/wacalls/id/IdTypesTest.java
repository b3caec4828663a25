package dev.wacalls.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdTypesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "'+1 (631) 555-3602', 16315553602",
        "'16315553602', 16315553602",
        "'+44 7700 900123', 447700900123",
        "'+49.30.1234567', 49301234567",
        "'(55) 92 98123-4567', 5592981234567",
    })
    void waIdNormalisesHumanSpellingsToDigits(String input, String digits) {
        WaId id = WaId.of(input);

        assertThat(id.value()).isEqualTo(digits);
        assertThat(id.toString()).isEqualTo(digits);
        assertThat(id).isEqualTo(new WaId(digits));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "+", "1234", "abc", "+1 631 555 3602 ext 5", "1631+5553602",
        "16315553602\n", "++16315553602", "123456789012345678901", "١٦٣١٥٥٥٣٦٠٢"})
    void waIdRefusesWhatIsNotAPhoneNumber(String input) {
        assertThatThrownBy(() -> WaId.of(input)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void waIdConstructorTakesDigitsOnly() {
        assertThatThrownBy(() -> new WaId("+16315553602")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("digits");
        assertThatThrownBy(() -> new WaId(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "wacid.ABGGFjFVU2AfAgo6V-Hc5eCgK5Gh",
        "wacid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTJBQzg1RjYzMzFBODkwQkEA==",
        "wacid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5QTJBQzg1RjYzMzFBODkwQkEA=",
        "wacid.a/b+c",
    })
    void callIdAcceptsOpaqueIdsIncludingPadding(String value) {
        assertThat(CallId.of(value).value()).isEqualTo(value);
        assertThat(CallId.of(value).toString()).isEqualTo(value);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "   ", "wacid. ABGG", "wacid.ABGG\r\nX-Injected: 1", "wacid.\tx", "wacid.\u007f"})
    void callIdRefusesBlankWhitespaceAndControlCharacters(String value) {
        assertThatThrownBy(() -> CallId.of(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void callIdRefusesAbsurdLengths() {
        assertThat(CallId.of("wacid." + "A".repeat(1018)).value()).hasSize(1024);
        assertThatThrownBy(() -> CallId.of("wacid." + "A".repeat(1019))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void phoneNumberIdIsDigitsOnly() {
        assertThat(PhoneNumberId.of("106540352242922").value()).isEqualTo("106540352242922");
        assertThatThrownBy(() -> PhoneNumberId.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PhoneNumberId.of("1065-4035")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PhoneNumberId.of("../me")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PhoneNumberId.of("106540352242922?fields=x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PhoneNumberId.of("+106540352242922")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PhoneNumberId.of("1".repeat(33))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wabaIdIsDigitsOnly() {
        assertThat(WabaId.of("102290129340398").toString()).isEqualTo("102290129340398");
        assertThatThrownBy(() -> WabaId.of("waba-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bsuidAndMessageIdAreOpaqueTokens() {
        assertThat(Bsuid.of("US.13491208655302741918").value()).isEqualTo("US.13491208655302741918");
        assertThat(MessageId.of("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI=").value()).endsWith("=");
        assertThatThrownBy(() -> Bsuid.of("US 1349")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageId.of("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aUserIsEitherAPhoneNumberOrABsuid() {
        UserRef phone = WaId.of("+1 (631) 555-3602");
        UserRef bsuid = Bsuid.of("US.13491208655302741918");

        assertThat(phone).isInstanceOf(WaId.class);
        assertThat(phone.value()).isEqualTo("16315553602");
        assertThat(bsuid.value()).isEqualTo("US.13491208655302741918");
    }
}
