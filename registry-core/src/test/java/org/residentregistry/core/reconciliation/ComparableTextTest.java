package org.residentregistry.core.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ComparableTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "' 山田　太郎 '|山田 太郎",
            "'　　川口市本町一丁目１番１号　'|川口市本町一丁目1番1号",
            "１２３４|1234",
            "'   '|''",
            "山田 太郎|山田 太郎"})
    void foldsSurroundingSpacesTheWidthOfDigitsAndOfInnerSpaces(String value, String comparable) {
        assertThat(ComparableText.of(value)).isEqualTo(comparable);
    }

    @ParameterizedTest
    @ValueSource(strings = {"やまだ", "ヤマダ", "ﾔﾏﾀﾞ", "髙橋", "ＡＢＣ", "1980-05-06"})
    void leavesKanaScriptsWidthsOfLettersAndKanjiFormsAsWritten(String value) {
        assertThat(ComparableText.of(value)).isEqualTo(value);
    }

    /** The comparison skips the fold where the values are equal as they stand; that is right only if folding twice changes nothing. */
    @ParameterizedTest
    @ValueSource(strings = {" 山田　太郎 ", "　１番　１号　", "a　 b", "　 　"})
    void foldingAgainChangesNothing(String value) {
        assertThat(ComparableText.of(ComparableText.of(value))).isEqualTo(ComparableText.of(value));
    }
}
