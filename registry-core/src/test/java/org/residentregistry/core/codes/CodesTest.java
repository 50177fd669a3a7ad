package org.residentregistry.core.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodesTest {

    @Test
    void individualNumberCheckDigitFollowsTheWeightedModulus11Rule() {
        // Σ Pn·Qn over 12345678901 = 212, 212 mod 11 = 3, check digit 11 − 3 = 8
        assertThat(IndividualNumber.of("123456789018").value()).isEqualTo("123456789018");
        assertThat(IndividualNumber.withCheckDigit("12345678901").value()).isEqualTo("123456789018");
        assertThatThrownBy(() -> IndividualNumber.of("123456789017"))
                .isInstanceOf(InvalidValueException.class)
                .extracting("code").isEqualTo("CHECK_DIGIT");
    }

    @Test
    void checkDigitIsZeroWhenTheRemainderIsZeroOrOne() {
        // 00000000001: Σ = 1·2 = 2 → r = 2 → 9; 00000000000: r = 0 → 0; 00000000005: 10 mod 11 = 10 → 1
        assertThat(IndividualNumber.withCheckDigit("00000000000").value()).endsWith("0");
        assertThat(IndividualNumber.withCheckDigit("00000000001").value()).endsWith("9");
        assertThat(IndividualNumber.withCheckDigit("00000000005").value()).endsWith("1");
        // 10000000000: P11 = 1, Q11 = 6 → r = 6 → 5; 00000100000: P6 = 1, Q6 = 7 → 4
        assertThat(IndividualNumber.withCheckDigit("10000000000").value()).endsWith("5");
        assertThat(IndividualNumber.withCheckDigit("00000100000").value()).endsWith("4");
        // 60000000000: 36 mod 11 = 3 → 8; 00000000006: 12 mod 11 = 1 → 0
        assertThat(IndividualNumber.withCheckDigit("00000000006").value()).endsWith("0");
    }

    @Test
    void residentCodeUsesTheSameRuleOverTenDigits() {
        // Σ over 1234567890 = 195, 195 mod 11 = 8, check digit 3
        assertThat(ResidentCode.of("12345678903").value()).isEqualTo("12345678903");
        assertThat(ResidentCode.withCheckDigit("1234567890").value()).isEqualTo("12345678903");
        assertThatThrownBy(() -> ResidentCode.of("12345678904")).hasMessageContaining("check digit");
    }

    @Test
    void municipalityCodeCheckDigitMatchesTheOfficialExamples() {
        assertThat(MunicipalityCode.of("111007").value()).isEqualTo("111007");
        assertThat(MunicipalityCode.of("112038").value()).isEqualTo("112038");
        assertThatThrownBy(() -> MunicipalityCode.of("112039")).extracting("code").isEqualTo("CHECK_DIGIT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1234567890", "123456789012", "1234567890a", "１２３４５６７８９０３"})
    void malformedResidentCodesAreRefusedAsFormatErrors(String raw) {
        assertThatThrownBy(() -> ResidentCode.of(raw)).extracting("code").isEqualTo("FORMAT");
    }

    @Test
    void errorsAndToStringNeverCarryThePersonalValue() {
        assertThat(ResidentCode.of("12345678903").toString()).doesNotContain("12345678903");
        assertThat(IndividualNumber.of("123456789018").toString()).doesNotContain("123456789018");
        assertThatThrownBy(() -> IndividualNumber.of("123456789017")).message().doesNotContain("12345678901");
    }
}
