package org.residentregistry.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KanaSearchKeyTest {

    /** The differences the municipal standard (住民記録システム標準仕様書 §2.1.2) tells a name search to ignore. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "フジ, フヂ",             // ヂ = ジ
            "ミスキ, ミヅキ",          // ズ = ヅ, and both = ス
            "ワタナベ, ハタナベ",      // ワ = ハ
            "バイオリン, ヴァイオリン", // ヴァ = バ
            "オノ, ヲノ",              // オ = ヲ
            "ヒロシ, ピロシ",          // ヒ = ピ (semi-voiced to plain)
            "ハットリ, ハツトリ",      // small ッ = large ツ
            "キャリー, キヤリ",        // small ャ = large ヤ, long vowel ignored
            "リュウ, リユウ",          // small ュ = large ユ
            "ショウ, シヨウ",          // small ョ = large ヨ
            "ユーコ, ユコ",            // long vowel ignored
            "ヤマ ダ, ヤマダ",         // spaces ignored
    })
    void theStandardsExamplesShareAKey(String one, String other) {
        assertThat(KanaSearchKey.of(one)).isEqualTo(KanaSearchKey.of(other));
    }

    @Test
    void theSyntheticPrefecturesHardCasesShareAKey() {
        assertThat(KanaSearchKey.ofName("ヤマザキ ハナコ")).isEqualTo(KanaSearchKey.ofName("ヤマサキ ハナコ"));
        assertThat(KanaSearchKey.ofName("スズキ キョウコ")).isEqualTo(KanaSearchKey.ofName("スズキ キヨウコ"))
                .isEqualTo("ススキキヨオコ");
        assertThat(KanaSearchKey.ofName("やまだ　たろう")).isEqualTo(KanaSearchKey.ofName("ﾔﾏﾀﾞ ﾀﾛｳ"))
                .isEqualTo(KanaSearchKey.ofName("ヤマダ タロウ")).isEqualTo("ヤマタタロオ");
        // The long vowel mark is dropped (step 2), not read as a vowel: タロー is タロ, not タロウ.
        assertThat(KanaSearchKey.ofName("ヤマダ タロー")).isEqualTo("ヤマタタロ");
    }

    @Test
    void eachStepDoesWhatTheIssueSays() {
        assertThat(KanaSearchKey.of("ゔぃおら")).isEqualTo("ヒオラ");              // 1: hiragana, ゔ → ヴ; 3: ヴィ → ビ
        assertThat(KanaSearchKey.of("ア－イ‐ウ―エｰオ-カ")).isEqualTo("アイウエオカ"); // 2: the dash family
        assertThat(KanaSearchKey.of("ヴ")).isEqualTo("フ");                         // 3 then 4: ヴ → ブ → フ
        assertThat(KanaSearchKey.of("ヂ")).isEqualTo("シ").isNotEqualTo(KanaSearchKey.of("チ")); // 3 before 4
        assertThat(KanaSearchKey.of("ヅ")).isEqualTo("ス").isNotEqualTo(KanaSearchKey.of("ツ"));
        assertThat(KanaSearchKey.of("ガザダバパヷヺ")).isEqualTo("カサタワワワオ");    // 4, then ハ → ワ (6)
        assertThat(KanaSearchKey.of("ァィゥェォッャュョヮヵヶ")).isEqualTo("アイウエオツヤユヨワカケ"); // 5
        assertThat(KanaSearchKey.of("ヲハヰヱ")).isEqualTo("オワイエ");               // 6
        assertThat(KanaSearchKey.of("サヽキ")).isEqualTo(KanaSearchKey.of("ササキ")); // 6: iteration marks
        assertThat(KanaSearchKey.of("スヾキ")).isEqualTo(KanaSearchKey.of("スズキ"));
        assertThat(KanaSearchKey.of("オウノ")).isEqualTo(KanaSearchKey.of("オオノ")).isEqualTo("オオノ"); // 7
        assertThat(KanaSearchKey.of("コウウ")).isEqualTo("コオオ");
        assertThat(KanaSearchKey.of("ウエダ")).isEqualTo("ウエタ");                  // 7 starts at the second character
        assertThat(KanaSearchKey.of("カウ")).isEqualTo("カウ");                      // カ is not of the オ row
    }

    @Test
    void surnameAndGivenNameAreKeyedSeparatelyThenJoined() {
        // Keyed as one word, the given name's first ウ would follow the surname's ノ and become オ.
        assertThat(KanaSearchKey.ofName("オオノ ウタ")).isEqualTo("オオノウタ");
        assertThat(KanaSearchKey.ofName("オオノ　ウタ")).isEqualTo("オオノウタ");
        assertThat(KanaSearchKey.of("オオノウタ")).isEqualTo("オオノオタ");
        assertThat(KanaSearchKey.ofName("オオノウタ")).isEqualTo("オオノオタ"); // no space: one word
    }

    @Test
    void theWrittenFormUnifiesOnlyWidthsScriptsAndSpaces() {
        assertThat(KanaSearchKey.written("やまだ　たろう")).isEqualTo("ヤマダタロウ");
        assertThat(KanaSearchKey.written("ﾔﾏﾀﾞ ﾀﾛｰ")).isEqualTo("ヤマダタロー");
        assertThat(KanaSearchKey.written("ヤマザキ")).isNotEqualTo(KanaSearchKey.written("ヤマサキ"));
    }
}
