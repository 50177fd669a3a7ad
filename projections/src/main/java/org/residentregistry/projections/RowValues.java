package org.residentregistry.projections;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The values of one row, column by column, written once by a projection and taken either into arrays of columns
 * ({@link ArrayRows}) or as a line of COPY's text format ({@link CopyRows}): so the same mapping serves the live writes
 * and a rebuild's bulk load.
 */
public interface RowValues {

    /**
     * An instant at the microseconds timestamptz keeps, rounded half up as the driver rounds a bound timestamp: the
     * same instant written from this text form and bound as a parameter elsewhere (the ledger's) are equal in the database.
     */
    static Instant asStored(Instant value) {
        return value.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }

    void text(String value) throws SQLException;

    void integer(Integer value) throws SQLException;

    void bigint(long value) throws SQLException;

    void date(LocalDate value) throws SQLException;

    void timestamp(Instant value) throws SQLException;

    void bool(boolean value) throws SQLException;
}
