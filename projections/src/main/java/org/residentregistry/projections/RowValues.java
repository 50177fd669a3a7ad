package org.residentregistry.projections;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The values of one row, column by column, written once by a projection and taken either as a statement's parameters
 * or as a line of COPY's text format: so the same mapping serves the live inserts and a rebuild's bulk load.
 */
public interface RowValues {

    void text(String value) throws SQLException;

    void integer(Integer value) throws SQLException;

    void bigint(long value) throws SQLException;

    void date(LocalDate value) throws SQLException;

    void timestamp(Instant value) throws SQLException;

    void bool(boolean value) throws SQLException;

    /** The parameters of a prepared statement, from the first. */
    static RowValues parametersOf(PreparedStatement statement) {
        return new RowValues() {
            private int index;

            @Override
            public void text(String value) throws SQLException {
                statement.setString(++index, value);
            }

            @Override
            public void integer(Integer value) throws SQLException {
                if (value == null) {
                    statement.setNull(++index, Types.INTEGER);
                } else {
                    statement.setInt(++index, value);
                }
            }

            @Override
            public void bigint(long value) throws SQLException {
                statement.setLong(++index, value);
            }

            @Override
            public void date(LocalDate value) throws SQLException {
                statement.setDate(++index, value == null ? null : Date.valueOf(value));
            }

            @Override
            public void timestamp(Instant value) throws SQLException {
                statement.setTimestamp(++index, value == null ? null : Timestamp.from(value));
            }

            @Override
            public void bool(boolean value) throws SQLException {
                statement.setBoolean(++index, value);
            }
        };
    }
}
