package org.residentregistry.replay;

import java.io.PrintWriter;
import java.util.Arrays;

/**
 * A plain-text table printed as its rows come, so that a long report streams: every column but the last is padded
 * to a width fixed up front (at least its heading's); a wider cell pushes the rest of its row to the right.
 */
final class Table {

    private static final String GAP = "  ";

    private final PrintWriter out;
    private final int[] widths;

    /** {@code widths[i]} is the width of column i; the last column is never padded. */
    Table(PrintWriter out, String[] headings, int... widths) {
        this.out = out;
        this.widths = Arrays.copyOf(widths, headings.length);
        for (int i = 0; i < headings.length; i++) {
            this.widths[i] = Math.max(this.widths[i], Text.width(headings[i]));
        }
        row((Object[]) headings);
    }

    /** Cells are printed by {@link Text#of}. */
    void row(Object... cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = Text.of(cells[i]);
            line.append(cell);
            if (i < cells.length - 1) {
                line.append(" ".repeat(Math.max(0, widths[i] - Text.width(cell)))).append(GAP);
            }
        }
        out.println(line.toString().stripTrailing());
    }
}
