package org.residentregistry.projections;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.postgresql.PGConnection;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows written with PostgreSQL's COPY, in the current transaction: for a bulk load, several times cheaper than
 * inserts for the database and the driver (no statement to bind or plan per row, no parameter encoding). In COPY's
 * text format ({@link #copy}) or its binary one ({@link #copyBinary}), which neither formats nor parses the numbers,
 * dates and timestamps as text.
 */
public final class CopyRows {

    /** Writes one row's values. */
    @FunctionalInterface
    public interface Row<T> {
        void write(T item, RowValues values) throws SQLException;
    }

    private CopyRows() {
    }

    /** Copies a row per item into {@code table}'s {@code columns} (comma-separated, in the order the row writes them). */
    public static <T> void copy(JdbcTemplate jdbc, String table, String columns, List<T> items, Row<T> row) {
        if (items.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder(items.size() * 512);
        TextLine line = new TextLine(text);
        jdbc.execute((ConnectionCallback<Long>) connection -> {
            for (T item : items) {
                row.write(item, line);
                line.end();
            }
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY " + table + " (" + columns + ") FROM STDIN", new StringReader(text.toString()));
            } catch (IOException e) {
                throw new DataAccessResourceFailureException("COPY into " + table + " failed", e);
            }
        });
    }

    /**
     * Copies as {@link #copy} does, in COPY's binary format: each value as PostgreSQL holds it, so that neither side
     * writes or parses its text (timestamps were most of the text format's cost). Each value must be of its column's
     * type exactly: {@link RowValues#integer} an {@code integer} column, {@link RowValues#bigint} a {@code bigint},
     * {@link RowValues#text} a {@code text}, {@code varchar} or {@code char} one.
     */
    public static <T> void copyBinary(JdbcTemplate jdbc, String table, String columns, List<T> items, Row<T> row) {
        if (items.isEmpty()) {
            return;
        }
        BinaryRow values = new BinaryRow(items.size() * 512);
        jdbc.execute((ConnectionCallback<Long>) connection -> {
            for (T item : items) {
                values.start();
                row.write(item, values);
                values.end();
            }
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY " + table + " (" + columns + ") FROM STDIN (FORMAT binary)", values.finish());
            } catch (IOException e) {
                throw new DataAccessResourceFailureException("COPY into " + table + " failed", e);
            }
        });
    }

    /**
     * Rows in COPY's binary format: a header, then per row its number of fields and each field's length (-1 for null)
     * and bytes, in network byte order; dates as days and timestamps as microseconds since 2000-01-01 (UTC).
     */
    private static final class BinaryRow implements RowValues {
        private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
                0, 0, 0, 0, // flags
                0, 0, 0, 0}; // header extension length
        private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
        private static final long POSTGRES_EPOCH_SECOND = POSTGRES_EPOCH_DAY * 86_400;

        private ByteBuffer buffer;
        private int fieldCountAt;
        private short fields;

        BinaryRow(int capacity) {
            buffer = ByteBuffer.allocate(capacity).put(HEADER);
        }

        void start() {
            room(2);
            fieldCountAt = buffer.position();
            buffer.putShort((short) 0);
            fields = 0;
        }

        void end() {
            buffer.putShort(fieldCountAt, fields);
        }

        /** The rows followed by the format's end mark. */
        InputStream finish() {
            room(2);
            buffer.putShort((short) -1);
            return new ByteArrayInputStream(buffer.array(), 0, buffer.position());
        }

        /** Starts a field of {@code length} bytes (-1: null), with room for them. */
        private ByteBuffer field(int length) {
            fields++;
            room(4 + Math.max(length, 0));
            return buffer.putInt(length);
        }

        private void room(int bytes) {
            if (buffer.remaining() < bytes) {
                ByteBuffer larger = ByteBuffer.allocate(Math.max(2 * buffer.capacity(), buffer.position() + bytes));
                buffer = larger.put(buffer.flip());
            }
        }

        @Override
        public void text(String value) {
            if (value == null) {
                field(-1);
                return;
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            field(utf8.length).put(utf8);
        }

        @Override
        public void integer(Integer value) {
            if (value == null) {
                field(-1);
            } else {
                field(4).putInt(value);
            }
        }

        @Override
        public void bigint(long value) {
            field(8).putLong(value);
        }

        @Override
        public void date(LocalDate value) {
            if (value == null) {
                field(-1);
            } else {
                field(4).putInt(Math.toIntExact(value.toEpochDay() - POSTGRES_EPOCH_DAY));
            }
        }

        @Override
        public void timestamp(Instant value) {
            if (value == null) {
                field(-1);
                return;
            }
            Instant stored = RowValues.asStored(value);
            field(8).putLong((stored.getEpochSecond() - POSTGRES_EPOCH_SECOND) * 1_000_000 + stored.getNano() / 1_000);
        }

        @Override
        public void bool(boolean value) {
            field(1).put((byte) (value ? 1 : 0));
        }
    }

    /** A line of COPY's text format: tab-separated, {@code \N} for null, backslash escapes. */
    private static final class TextLine implements RowValues {
        private final StringBuilder text;
        private boolean first = true;

        TextLine(StringBuilder text) {
            this.text = text;
        }

        void end() {
            text.append('\n');
            first = true;
        }

        private StringBuilder next() {
            if (!first) {
                text.append('\t');
            }
            first = false;
            return text;
        }

        private void nullOr(Object value) {
            if (value == null) {
                next().append("\\N");
            } else {
                next().append(value);
            }
        }

        @Override
        public void text(String value) {
            if (value == null) {
                next().append("\\N");
                return;
            }
            StringBuilder out = next();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(c);
                }
            }
        }

        @Override
        public void integer(Integer value) {
            nullOr(value);
        }

        @Override
        public void bigint(long value) {
            next().append(value);
        }

        @Override
        public void date(LocalDate value) {
            nullOr(value);
        }

        @Override
        public void timestamp(Instant value) {
            // ISO-8601 in UTC, which timestamptz reads whatever the session's time zone.
            nullOr(value == null ? null : RowValues.asStored(value));
        }

        @Override
        public void bool(boolean value) {
            next().append(value ? 't' : 'f');
        }
    }
}
