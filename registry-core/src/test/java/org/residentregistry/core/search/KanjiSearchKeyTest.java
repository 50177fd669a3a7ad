package org.residentregistry.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class KanjiSearchKeyTest {

    @Test
    void variantFormsFoldToOneKey() {
        assertThat(KanjiSearchKey.of("髙橋 一郎")).isEqualTo(KanjiSearchKey.of("高橋 一郎")).isEqualTo("高橋一郎");
        assertThat(KanjiSearchKey.of("渡邉")).isEqualTo(KanjiSearchKey.of("渡辺")).isEqualTo(KanjiSearchKey.of("渡邊"));
        assertThat(KanjiSearchKey.of("山﨑")).isEqualTo(KanjiSearchKey.of("山崎"));
        assertThat(KanjiSearchKey.of("𠮷田")).isEqualTo("吉田");
        assertThat(KanjiSearchKey.of("濵田")).isEqualTo(KanjiSearchKey.of("濱田")).isEqualTo("浜田");
        // A compatibility ideograph folds through NFKC: 隆 U+F9DC is 隆 U+9686.
        assertThat(KanjiSearchKey.of("\uF9DC")).isEqualTo("\u9686");
    }

    @Test
    void saitoIsNeverSaito() {
        assertThat(KanjiSearchKey.of("齋藤")).isEqualTo("斎藤");
        assertThat(KanjiSearchKey.of("齊藤")).isEqualTo("斉藤");
        assertThat(KanjiSearchKey.of("斎藤")).isNotEqualTo(KanjiSearchKey.of("斉藤"));
        assertThat(KanjiSearchKey.of("齋藤")).isNotEqualTo(KanjiSearchKey.of("齊藤"));
    }

    @Test
    void spacesAndVariationSelectorsAreDropped() {
        assertThat(KanjiSearchKey.of("山田　太郎")).isEqualTo(KanjiSearchKey.of("山田 太郎")).isEqualTo("山田太郎");
        assertThat(KanjiSearchKey.of("葛\uDB40\uDD00飾")).isEqualTo("葛飾");   // U+E0100, an ideographic variation selector
        assertThat(KanjiSearchKey.of("辻\uFE00")).isEqualTo("辻");
    }

    @Test
    void theWrittenFormKeepsEveryCharacterButSpaces() {
        assertThat(KanjiSearchKey.written("髙橋　一郎")).isEqualTo("髙橋一郎");
    }

    @Test
    void theTableFoldsEachVariantStraightToAFormThatFoldsNoFurther() throws IOException {
        List<String[]> pairs;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                KanjiSearchKey.class.getResourceAsStream(KanjiSearchKey.VARIANTS_RESOURCE), StandardCharsets.UTF_8))) {
            pairs = reader.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t")).toList();
        }
        assertThat(pairs).hasSizeGreaterThan(300).allSatisfy(pair -> {
            assertThat(pair).hasSize(2);
            assertThat(KanjiSearchKey.of(pair[0])).as(pair[0]).isEqualTo(pair[1]);
            assertThat(KanjiSearchKey.of(pair[1])).as(pair[1]).isEqualTo(pair[1]);
        });
        assertThat(pairs).noneSatisfy(pair -> assertThat(pair[0]).isIn("斎", "斉"));
    }
}
