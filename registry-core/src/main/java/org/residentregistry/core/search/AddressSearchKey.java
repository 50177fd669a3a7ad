package org.residentregistry.core.search;

/**
 * The search key of an address — 住所 (domain.md §3.2): the kanji key of the text (widths, spaces and variant
 * forms), without the prefecture's own name, with numbers in digits and every number ended by one hyphen, whatever
 * followed it: 丁目, 番地, 番, 号, a hyphen of any form, or nothing. So 埼玉県川口市本町一丁目１番１号 and 川口市本町1-1-1
 * share the key 川口市本町1-1-1-, and a prefix ending in a number (本町1) never reaches a longer one (本町10). Kanji
 * numerals are read as a number only where one ends like a number: 三郷市 and 千代田区 stay as written.
 */
public final class AddressSearchKey {

    private static final String NUMERALS = "〇一二三四五六七八九";
    private static final String MULTIPLIERS = "十百千";
    /** Hyphens, dashes and the long-vowel mark, as written between numbers; NFKC has already made － and ｰ plain. */
    private static final String HYPHENS = "-‐‑‒–—―−─ー";
    private static final String[] NUMBER_ENDS = {"丁目", "番地", "番", "号"};

    private final String prefectureName;

    public AddressSearchKey(String prefectureName) {
        this.prefectureName = KanjiSearchKey.of(prefectureName);
    }

    public String of(String address) {
        String text = KanjiSearchKey.of(address).replace('ヶ', 'ケ').replace('ヵ', 'カ');
        if (text.startsWith(prefectureName)) {
            text = text.substring(prefectureName.length());
        }
        StringBuilder key = new StringBuilder(text.length() + 8);
        int i = 0;
        while (i < text.length()) {
            int end = numberEnd(text, i);
            if (end == i || !isDigit(text.charAt(i)) && !endsANumber(text, end)) {
                key.append(text.charAt(i++));
                continue;
            }
            key.append(number(text.substring(i, end))).append('-');
            i = afterNumberEnd(text, end);
        }
        return key.toString();
    }

    /** Where the number (a run of ASCII digits, or of kanji numerals) starting at {@code start} ends. */
    private static int numberEnd(String text, int start) {
        int i = start;
        if (isDigit(text.charAt(i))) {
            while (i < text.length() && isDigit(text.charAt(i))) {
                i++;
            }
        } else {
            while (i < text.length() && isKanjiNumeral(text.charAt(i))) {
                i++;
            }
        }
        return i;
    }

    /**
     * Whether a run of kanji numerals ending at {@code i} is a number: followed by a unit word, a hyphen, a の and
     * a number, or nothing. Otherwise it is part of a place name (三郷市, 千代田区) and stays as written.
     */
    private static boolean endsANumber(String text, int i) {
        return i == text.length() || afterNumberEnd(text, i) > i;
    }

    /** Past what ends the number at {@code i}: one unit word or hyphen, then a の that joins another number (番地の2). */
    private static int afterNumberEnd(String text, int i) {
        for (String end : NUMBER_ENDS) {
            if (text.startsWith(end, i)) {
                i += end.length();
                break;
            }
        }
        if (i < text.length() && HYPHENS.indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        if (i + 1 < text.length() && text.charAt(i) == 'の' && numberEnd(text, i + 1) > i + 1) {
            i++;
        }
        return i;
    }

    /** Digits without leading zeros; kanji numerals read as written (二十三 and 二三 are both 23). */
    private static String number(String run) {
        if (isDigit(run.charAt(0))) {
            return withoutLeadingZeros(run);
        }
        if (run.chars().noneMatch(c -> MULTIPLIERS.indexOf(c) >= 0)) {
            StringBuilder digits = new StringBuilder(run.length());
            run.chars().forEach(c -> digits.append(NUMERALS.indexOf(c)));
            return withoutLeadingZeros(digits.toString());
        }
        long total = 0;
        long unit = 0;
        for (char c : run.toCharArray()) {
            int digit = NUMERALS.indexOf(c);
            if (digit >= 0) {
                unit = unit * 10 + digit;
            } else {
                total += (unit == 0 ? 1 : unit) * (long) Math.pow(10, MULTIPLIERS.indexOf(c) + 1);
                unit = 0;
            }
        }
        return Long.toString(total + unit);
    }

    private static String withoutLeadingZeros(String digits) {
        return digits.replaceFirst("^0+(?=.)", "");
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isKanjiNumeral(char c) {
        return NUMERALS.indexOf(c) >= 0 || MULTIPLIERS.indexOf(c) >= 0;
    }
}
