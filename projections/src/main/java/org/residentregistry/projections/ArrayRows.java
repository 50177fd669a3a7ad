package org.residentregistry.projections;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows written by one statement that takes each column as an array and turns them into rows with {@code unnest}:
 * a handful of parameters whatever the number of rows. A JDBC batch of the same rows binds every value as a parameter
 * of its own (30 a row for a record version), and that binding was most of the driver's time in ingest; here each
 * value is only written into its column's array, as text, and PostgreSQL parses and plans one short statement.
 */
public final class ArrayRows {

    /** Where {@link #write}'s statement reads the rows: replaced by {@code unnest(?::type[], ...)}, a column each. */
    public static final String ROWS = "{rows}";

    private ArrayRows() {
    }

    /**
     * Runs {@code statement} (such as {@code INSERT INTO t (a, b) SELECT * FROM {rows}}) once for all {@code items}, a
     * row per item with the columns in the order {@code row} writes them; answers the rows it inserted, updated or
     * deleted. The rows come out of {@code unnest} in the items' order.
     */
    public static <T> int write(JdbcTemplate jdbc, String statement, List<T> items, CopyRows.Row<T> row) {
        if (items.isEmpty()) {
            return 0;
        }
        return jdbc.execute((ConnectionCallback<Integer>) connection -> {
            Columns columns = new Columns(items.size());
            for (T item : items) {
                row.write(item, columns);
                columns.end();
            }
            try (PreparedStatement ps = connection.prepareStatement(statement.replace(ROWS, columns.unnest()))) {
                columns.bind(connection, ps);
                return ps.executeUpdate();
            }
        });
    }

    /** The rows' values, a list of their text forms per column, and each column's type (from the first row). */
    private static final class Columns implements RowValues {
        private final int rows;
        private final List<String> types = new ArrayList<>();
        private final List<String[]> values = new ArrayList<>();
        private int row;
        private int column;

        Columns(int rows) {
            this.rows = rows;
        }

        void end() {
            row++;
            column = 0;
        }

        private void add(String type, String value) {
            if (row == 0) {
                types.add(type);
                values.add(new String[rows]);
            }
            values.get(column++)[row] = value;
        }

        String unnest() {
            return "unnest(" + String.join(", ", types.stream().map(type -> "?::" + type + "[]").toList()) + ")";
        }

        void bind(Connection connection, PreparedStatement ps) throws SQLException {
            for (int i = 0; i < values.size(); i++) {
                Array array = connection.createArrayOf("text", values.get(i));
                ps.setArray(i + 1, array);
            }
        }

        @Override
        public void text(String value) {
            add("text", value);
        }

        @Override
        public void integer(Integer value) {
            add("integer", value == null ? null : value.toString());
        }

        @Override
        public void bigint(long value) {
            add("bigint", Long.toString(value));
        }

        @Override
        public void date(LocalDate value) {
            add("date", value == null ? null : value.toString());
        }

        @Override
        public void timestamp(Instant value) {
            add("timestamptz", value == null ? null : RowValues.asStored(value).toString());
        }

        @Override
        public void bool(boolean value) {
            add("boolean", value ? "t" : "f");
        }
    }
}
