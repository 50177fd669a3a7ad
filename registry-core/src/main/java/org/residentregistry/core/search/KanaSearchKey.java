package org.residentregistry.core.search;

import java.text.Normalizer;

/**
 * The kana search key — 清音化かな氏名 (domain.md §1.1 item 13, §3.2): a reading with exactly the differences that
 * the municipal standard (住民記録システム標準仕様書 §2.1.2) tells a name search to ignore taken out, so that
 * ヤマザキ finds ヤマサキ and キョウコ finds キヨウコ. The same function keys stored names and queries.
 */
public final class KanaSearchKey {

    private static final String DASHES = "ー―－‐ｰ-";
    private static final String VOICED = "ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポヷヸヹヺ";
    private static final String PLAIN = "カキクケコサシスセソタチツテトハヒフヘホハヒフヘホワヰヱオ";
    private static final String SMALL = "ァィゥェォッャュョヮヵヶ";
    private static final String LARGE = "アイウエオツヤユヨワカケ";
    /** The オ row once the earlier steps have run: no voiced, small or ヲ forms are left. */
    private static final String O_ROW = "オコソトノホモヨロ";

    private KanaSearchKey() {
    }

    /**
     * The key of a whole name: the surname and the given name (split at the first space, half or full width)
     * keyed separately, then joined, so that step 7 never reaches across the two. A name without a space is
     * keyed as one word.
     */
    public static String ofName(String kana) {
        String[] parts = Names.split(kana);
        return parts.length == 1 ? of(parts[0]) : of(parts[0]) + of(parts[1]);
    }

    /** The key of one word (a surname or a given name): the seven steps of the search issue, in order. */
    public static String of(String word) {
        String s = katakana(word, true);
        s = s.replace("ヴァ", "バ").replace("ヴィ", "ビ").replace("ヴェ", "ベ").replace("ヴォ", "ボ").replace("ヴ", "ブ")
                .replace("ヂ", "ジ").replace("ヅ", "ズ");
        StringBuilder key = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '\u3099' && c <= '\u309C') {
                continue; // a stray (semi-)voiced sound mark: step 4 drops voicing
            }
            c = map(map(c, VOICED, PLAIN), SMALL, LARGE);
            c = switch (c) {
                case 'ヲ' -> 'オ';
                case 'ハ' -> 'ワ';
                case 'ヰ' -> 'イ';
                case 'ヱ' -> 'エ';
                default -> c;
            };
            char previous = key.isEmpty() ? 0 : key.charAt(key.length() - 1);
            if (c == 'ヽ' || c == 'ヾ') {
                // The iteration mark repeats the character before it, whose voicing is gone by now.
                if (previous != 0) {
                    key.append(previous);
                }
                continue;
            }
            if (c == 'ウ' && previous != 0 && O_ROW.indexOf(previous) >= 0) {
                c = 'オ';
            }
            key.append(c);
        }
        return key.toString();
    }

    /**
     * The reading as written, for telling an exact match from one found only through the key: widths and the two
     * kana scripts unified, spaces dropped, nothing else changed.
     */
    public static String written(String kana) {
        return katakana(kana, false);
    }

    /**
     * Steps 1 and 2: NFKC (which widens half-width kana), hiragana to katakana, spaces dropped, and the long-vowel
     * and dash family too when {@code dropDashes}.
     */
    private static String katakana(String text, boolean dropDashes) {
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        for (int i = 0; i < nfkc.length(); i++) {
            char c = nfkc.charAt(i);
            if (Names.isSpace(c) || dropDashes && DASHES.indexOf(c) >= 0) {
                continue;
            }
            boolean hiragana = c >= 'ぁ' && c <= 'ゖ' || c == 'ゝ' || c == 'ゞ';
            out.append(hiragana ? (char) (c + ('ァ' - 'ぁ')) : c);
        }
        return out.toString();
    }

    private static char map(char c, String from, String to) {
        int i = from.indexOf(c);
        return i < 0 ? c : to.charAt(i);
    }
}
