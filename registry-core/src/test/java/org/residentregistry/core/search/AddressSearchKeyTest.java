package org.residentregistry.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressSearchKeyTest {

    private final AddressSearchKey key = new AddressSearchKey("埼玉県");

    @ParameterizedTest
    @ValueSource(strings = {
            "埼玉県川口市本町一丁目１番１号", "川口市本町1-1-1", "埼玉県川口市本町1丁目1番地1", "川口市本町１ー１ー１",
            "川口市本町１－１－１", "川口市本町1‐1‐1号", "埼玉県　川口市　本町一丁目1番1号", "川口市本町01-1-1"})
    void theFormsOfOneAddressShareAKey(String address) {
        assertThat(key.of(address)).isEqualTo("川口市本町1-1-1-");
    }

    @Test
    void kanjiNumeralsAreReadAsNumbers() {
        assertThat(key.of("川口市本町二十三番地の四")).isEqualTo("川口市本町23-4-");
        assertThat(key.of("川口市本町百五番")).isEqualTo("川口市本町105-");
        assertThat(key.of("川口市本町一〇五番")).isEqualTo("川口市本町105-");
        assertThat(key.of("川口市本町十番")).isEqualTo("川口市本町10-");
        assertThat(key.of("三郷市三郷一丁目")).isEqualTo("三郷市三郷1-");  // place names keep their numerals
        assertThat(key.of("川口市本町一")).isEqualTo("川口市本町1-");
    }

    @Test
    void aPrefixEndingInANumberDoesNotReachALongerNumber() {
        String stored = key.of("埼玉県川口市本町一丁目１番１号");
        assertThat(stored).startsWith(key.of("川口市本町一丁目")).startsWith(key.of("川口市本町1"))
                .startsWith(key.of("埼玉県川口市")).startsWith(key.of("川口市本町1-1"));
        assertThat(key.of("埼玉県川口市本町十丁目１番１号")).doesNotStartWith(key.of("川口市本町1"));
        assertThat(stored).doesNotStartWith(key.of("川口市本町1-1-10"));
    }

    @Test
    void variantFormsAndSmallKeAreFolded() {
        assertThat(key.of("鶴ヶ島市")).isEqualTo(key.of("鶴ケ島市"));
        assertThat(key.of("川﨑町")).isEqualTo(key.of("川崎町"));
    }

    @Test
    void onlyTheRegistrysOwnPrefectureAtTheStartIsDropped() {
        assertThat(key.of("埼玉県さいたま市浦和区仲町")).isEqualTo("さいたま市浦和区仲町");
        assertThat(key.of("東京都千代田区")).isEqualTo("東京都千代田区");
    }
}
