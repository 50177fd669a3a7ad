package org.residentregistry.replay;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.residentregistry.projections.RowCursor;

/**
 * A cursor whose rows come sorted by resident code, taken a resident at a time, for a merge join. The join is only
 * right if the database sorts codes as Java compares them (it does for codes of eleven digits, in any collation),
 * so the order is checked as the rows come rather than assumed.
 */
final class ByResident<T> implements AutoCloseable {

    private final RowCursor<T> rows;
    private final Function<T, String> residentCode;

    ByResident(RowCursor<T> rows, Function<T, String> residentCode) {
        this.rows = rows;
        this.residentCode = residentCode;
    }

    /** The resident code of the next row; null at the end. */
    String nextCode() {
        return rows.hasNext() ? residentCode.apply(rows.peek()) : null;
    }

    /** The rows of {@code code}, none if the next row is another resident's. */
    List<T> take(String code) throws SQLException {
        List<T> taken = new ArrayList<>(1);
        while (code.equals(nextCode())) {
            taken.add(rows.next());
        }
        String next = nextCode();
        if (next != null && next.compareTo(code) < 0) {
            throw new IllegalStateException("The database does not sort resident codes as this tool compares them;"
                    + " the comparison cannot go on");
        }
        return taken;
    }

    /** The smallest of the next codes of several cursors; null when all are at their end. */
    static String nextOf(ByResident<?>... cursors) {
        String smallest = null;
        for (ByResident<?> cursor : cursors) {
            String next = cursor.nextCode();
            if (next != null && (smallest == null || next.compareTo(smallest) < 0)) {
                smallest = next;
            }
        }
        return smallest;
    }

    @Override
    public void close() throws SQLException {
        rows.close();
    }
}
