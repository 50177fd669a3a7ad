package org.residentregistry.core.reconciliation;

/**
 * A value of a municipality's extract as it is compared with the file: what the municipal standard says is no
 * difference is folded away — surrounding spaces of either width, the width of digits (１ is 1), and the width
 * of a space inside a value (a full-width space between surname and given name is a half-width one). Kana
 * scripts, the width of kana and letters, and kanji forms are compared as written: the file holds what was
 * notified, and such a difference is one the municipality should resend. The registry's side is folded alike
 * in SQL ({@code reconciliation_comparable}, migration V12).
 */
public final class ComparableText {

    private static final char FULL_WIDTH_SPACE = '\u3000';

    private ComparableText() {
    }

    public static String of(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(value.charAt(end - 1))) {
            end--;
        }
        int first = start;
        while (first < end && !isFolded(value.charAt(first))) {
            first++;
        }
        if (first == end) {
            // Most values have nothing to fold inside: no copy (an extract has millions of them).
            return value.substring(start, end);
        }
        StringBuilder folded = new StringBuilder(end - start).append(value, start, first);
        for (int i = first; i < end; i++) {
            char c = value.charAt(i);
            if (c >= '０' && c <= '９') {
                folded.append((char) ('0' + (c - '０')));
            } else {
                folded.append(c == FULL_WIDTH_SPACE ? ' ' : c);
            }
        }
        return folded.toString();
    }

    private static boolean isFolded(char c) {
        return (c >= '０' && c <= '９') || c == FULL_WIDTH_SPACE;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == FULL_WIDTH_SPACE;
    }
}
