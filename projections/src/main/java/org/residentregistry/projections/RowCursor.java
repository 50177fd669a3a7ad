package org.residentregistry.projections;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one query, read one by one through a server-side cursor: the driver fetches {@link #FETCH_SIZE} rows
 * at a time within the connection's transaction, so a query over the whole store never sits in memory.
 */
public final class RowCursor<T> implements AutoCloseable {

    public static final int FETCH_SIZE = 10_000;

    /** Reads the current row of a result set into a value. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private final PreparedStatement statement;
    private final ResultSet rows;
    private final RowReader<T> reader;
    /** The next row, read ahead so that {@link #peek} can show it. */
    private T next;

    private RowCursor(PreparedStatement statement, ResultSet rows, RowReader<T> reader) throws SQLException {
        this.statement = statement;
        this.rows = rows;
        this.reader = reader;
        advance();
    }

    public static <T> RowCursor<T> open(Connection connection, String sql, RowReader<T> reader, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        try {
            statement.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return new RowCursor<>(statement, statement.executeQuery(), reader);
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    /** Every row of a query whose result is small (one resident's events, say). */
    public static <T> List<T> list(Connection connection, String sql, RowReader<T> reader, Object... parameters)
            throws SQLException {
        List<T> list = new ArrayList<>();
        try (RowCursor<T> cursor = open(connection, sql, reader, parameters)) {
            while (cursor.hasNext()) {
                list.add(cursor.next());
            }
        }
        return list;
    }

    public boolean hasNext() {
        return next != null;
    }

    /** The next row without moving past it; null at the end. */
    public T peek() {
        return next;
    }

    public T next() throws SQLException {
        T current = next;
        advance();
        return current;
    }

    private void advance() throws SQLException {
        next = rows.next() ? reader.read(rows) : null;
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}
