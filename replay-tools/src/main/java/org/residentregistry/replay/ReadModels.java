package org.residentregistry.replay;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.residentregistry.projections.RowCursor;
import org.residentregistry.projections.identity.IdentityRow;

/** The identity file's read models as the server keeps them (identity_current, identity_version), read back. */
final class ReadModels {

    /** A resident code and how many rows identity_version holds for it. */
    record VersionCount(String residentCode, int count) {
    }

    /**
     * The columns named after IdentityRow's components, in their order (IdentityRowTest checks that these are the
     * table's columns), so that a row is read by position.
     */
    private static final String SELECT_CURRENT = "SELECT " + RecordFields.names(IdentityRow.class).stream()
            .map(name -> name.replaceAll("([A-Z])", "_$1").toLowerCase())
            .collect(Collectors.joining(", ")) + " FROM identity_current";
    private static final String COUNT_VERSIONS = "SELECT resident_code, count(*) FROM identity_version";

    private final Connection connection;

    ReadModels(Connection connection) {
        this.connection = connection;
    }

    Optional<IdentityRow> current(String residentCode) throws SQLException {
        return RowCursor.list(connection, SELECT_CURRENT + " WHERE resident_code = ?", ReadModels::row, residentCode)
                .stream().findFirst();
    }

    int versionCount(String residentCode) throws SQLException {
        List<VersionCount> counts = RowCursor.list(connection, COUNT_VERSIONS + " WHERE resident_code = ? GROUP BY resident_code",
                ReadModels::versionCount, residentCode);
        return counts.isEmpty() ? 0 : counts.get(0).count();
    }

    /** Every current row, in the order of identity_current's primary key. */
    RowCursor<IdentityRow> currentInResidentOrder() throws SQLException {
        return RowCursor.open(connection, SELECT_CURRENT + " ORDER BY resident_code", ReadModels::row);
    }

    /** The version count of every resident code, in the order of identity_version's primary key. */
    RowCursor<VersionCount> versionCountsInResidentOrder() throws SQLException {
        return RowCursor.open(connection, COUNT_VERSIONS + " GROUP BY resident_code ORDER BY resident_code",
                ReadModels::versionCount);
    }

    private static VersionCount versionCount(ResultSet rows) throws SQLException {
        return new VersionCount(rows.getString(1), rows.getInt(2));
    }

    /** A row as stored, by position: looking 29 columns up by name cost a tenth of a whole-store check. */
    private static IdentityRow row(ResultSet rows) throws SQLException {
        int i = 0;
        return new IdentityRow(
                rows.getString(++i),
                rows.getInt(++i),
                rows.getString(++i),
                rows.getString(++i),
                rows.getLong(++i),
                rows.getString(++i),
                rows.getObject(++i, LocalDate.class),
                rows.getObject(++i, OffsetDateTime.class).toInstant(),
                rows.getObject(++i, OffsetDateTime.class).toInstant(),
                rows.getString(++i),
                rows.getString(++i),
                rows.getString(++i),
                rows.getString(++i),
                rows.getString(++i),
                rows.getString(++i),
                rows.getInt(++i),
                rows.getInt(++i),
                rows.getString(++i),
                rows.getString(++i),
                rows.getObject(++i, Integer.class),
                rows.getObject(++i, Integer.class),
                rows.getObject(++i, LocalDate.class),
                rows.getString(++i),
                rows.getString(++i),
                rows.getString(++i),
                rows.getInt(++i),
                rows.getInt(++i),
                rows.getString(++i),
                rows.getBoolean(++i));
    }
}
