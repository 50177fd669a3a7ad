package org.residentregistry.replay;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.residentregistry.projections.identity.IdentityRow;

/** The identity file's read models as the server keeps them (identity_current, identity_version), read back. */
final class ReadModels {

    /** A resident code and how many rows identity_version holds for it. */
    record VersionCount(String residentCode, int count) {
    }

    private static final String SELECT_CURRENT = "SELECT * FROM identity_current";
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

    /** A row as stored: every column by its name (IdentityRowTest ties the names to IdentityRow's components). */
    private static IdentityRow row(ResultSet rows) throws SQLException {
        return new IdentityRow(
                rows.getString("resident_code"),
                rows.getInt("version"),
                rows.getString("status"),
                rows.getString("municipality_code"),
                rows.getLong("update_sequence"),
                rows.getString("change_reason"),
                rows.getObject("change_date", LocalDate.class),
                rows.getObject("notified_at", OffsetDateTime.class).toInstant(),
                rows.getObject("received_at", OffsetDateTime.class).toInstant(),
                rows.getString("operator_id"),
                rows.getString("terminal_id"),
                rows.getString("previous_resident_code"),
                rows.getString("superseded_by"),
                rows.getString("name_kanji"),
                rows.getString("name_kana"),
                rows.getInt("name_gaiji_count"),
                rows.getInt("name_gaiji_change_seq"),
                rows.getString("former_surname_kanji"),
                rows.getString("former_surname_kana"),
                rows.getObject("former_surname_gaiji_count", Integer.class),
                rows.getObject("former_surname_gaiji_change_seq", Integer.class),
                rows.getObject("birth_date", LocalDate.class),
                rows.getString("sex"),
                rows.getString("address_text"),
                rows.getString("address_oaza_code"),
                rows.getInt("address_gaiji_count"),
                rows.getInt("address_gaiji_change_seq"),
                rows.getString("individual_number"),
                rows.getBoolean("gaiji_flag"));
    }
}
