package org.residentregistry.benchmarks.prefecture;

import java.util.List;

/**
 * How the same name comes to be written differently: the hard cases a name search must survive (domain.md §3.2).
 * No public statistics give these shares; they are guesses, large enough that a 100,000-resident population holds
 * hundreds of each case.
 */
final class Spellings {

    /** A variant form (異体字) of a kanji, and the share of families with that kanji who write it so. */
    private record Variant(char standard, char variant, double share) {
    }

    /**
     * The variant forms domain.md §3.2 folds. 髙 and 﨑 are 外字 (outside JIS X 0208); 邉, 邊, 齋 and 齊 are not.
     * 斎 and 斉 stay apart: they are different characters, each with its own variant.
     */
    private static final List<Variant> VARIANTS = List.of(
            new Variant('高', '髙', 0.10),
            new Variant('崎', '﨑', 0.05),
            new Variant('辺', '邉', 0.15),
            new Variant('辺', '邊', 0.10),
            new Variant('斎', '齋', 0.20),
            new Variant('斉', '齊', 0.10));

    /**
     * Share of surnames read with their other, voiced or unvoiced, reading where they have one (ヤマザキ and
     * ヤマサキ for 山崎).
     */
    static final double OTHER_READING_SHARE = 0.2;

    /**
     * Share of residents whose given-name reading is written without small kana (キヨウコ for キョウコ), as registers
     * kept on older systems do.
     */
    static final double LARGE_KANA_SHARE = 0.03;

    private static final String SMALL_KANA = "ァィゥェォッャュョヮ";
    private static final String LARGE_KANA = "アイウエオツヤユヨワ";

    private Spellings() {
    }

    /** The surname as one family writes it: each character with variants takes one of them at its share. */
    static String familyKanji(String kanji, Rng rng) {
        StringBuilder written = new StringBuilder(kanji.length());
        for (char c : kanji.toCharArray()) {
            written.append(variantOf(c, rng));
        }
        return written.toString();
    }

    private static char variantOf(char standard, Rng rng) {
        if (VARIANTS.stream().noneMatch(v -> v.standard() == standard)) {
            return standard;
        }
        double x = rng.nextDouble();
        for (Variant v : VARIANTS) {
            if (v.standard() == standard) {
                if (x < v.share()) {
                    return v.variant();
                }
                x -= v.share();
            }
        }
        return standard;
    }

    /** The reading with every small kana written full size. */
    static String withoutSmallKana(String kana) {
        StringBuilder written = new StringBuilder(kana.length());
        for (char c : kana.toCharArray()) {
            int small = SMALL_KANA.indexOf(c);
            written.append(small >= 0 ? LARGE_KANA.charAt(small) : c);
        }
        return written.toString();
    }
}
