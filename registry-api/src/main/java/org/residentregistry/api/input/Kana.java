package org.residentregistry.api.input;

/** What a kana field — ふりがな — may hold on input: katakana or hiragana (full or half width), spaces, ー and ・. */
public final class Kana {

    private Kana() {
    }

    public static boolean isKanaText(String text) {
        return text.codePoints().allMatch(Kana::isKanaOrSeparator);
    }

    private static boolean isKanaOrSeparator(int c) {
        return (c >= 0x3041 && c <= 0x3096)     // hiragana
                || (c >= 0x309D && c <= 0x309E) // ゝ ゞ
                || (c >= 0x30A1 && c <= 0x30FE) // katakana, ・, ー, ヽ, ヾ
                || (c >= 0xFF66 && c <= 0xFF9F) // half-width katakana and sound marks
                || c == ' ' || c == '\u3000';
    }
}
