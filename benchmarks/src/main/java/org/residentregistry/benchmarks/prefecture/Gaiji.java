package org.residentregistry.benchmarks.prefecture;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.BitSet;

/**
 * Counts 外字: characters outside the standard set. Here the standard set is JIS X 0208 with JIS X 0201, i.e.
 * what Shift_JIS can encode, which is why 髙 and 﨑 count as 外字 while 高, 崎, 邉 and 齋 do not.
 */
final class Gaiji {

    /** Every BMP character Shift_JIS cannot encode, found once because an encoder is slow and not thread-safe. */
    private static final BitSet OUTSIDE_STANDARD_SET = outsideShiftJis();

    private Gaiji() {
    }

    static int count(String text) {
        return (int) text.codePoints()
                .filter(c -> c > Character.MAX_VALUE || OUTSIDE_STANDARD_SET.get(c))
                .count();
    }

    private static BitSet outsideShiftJis() {
        CharsetEncoder shiftJis = Charset.forName("Shift_JIS").newEncoder();
        BitSet outside = new BitSet(Character.MAX_VALUE + 1);
        for (char c = 0x80; c < Character.MAX_VALUE; c++) {
            if (!Character.isSurrogate(c) && !shiftJis.canEncode(c)) {
                outside.set(c);
            }
        }
        return outside;
    }
}
