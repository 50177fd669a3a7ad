package org.residentregistry.projections.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.identity.Address;
import org.residentregistry.core.identity.ChangeReason;
import org.residentregistry.core.identity.PersonName;
import org.residentregistry.core.identity.ResidentStatus;
import org.residentregistry.core.codes.Sex;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** Reads the identity file's read models: the current record, a past version, the versions held. */
public class IdentityFileQueries {

    /** The columns of identity_current (or identity_version) that {@link #VIEW} reads. */
    public static final String VIEW_COLUMNS = "resident_code, status, municipality_code, name_kanji, name_kana, "
            + "name_gaiji_count, name_gaiji_change_seq, former_surname_kanji, former_surname_kana, "
            + "former_surname_gaiji_count, former_surname_gaiji_change_seq, birth_date, sex, address_text, "
            + "address_oaza_code, address_gaiji_count, address_gaiji_change_seq, individual_number, change_reason, "
            + "change_date, version";

    /** {@link #VIEW_COLUMNS} of the table named {@code alias} in a statement that joins others. */
    public static String viewColumns(String alias) {
        return Arrays.stream(VIEW_COLUMNS.split(", ")).map(column -> alias + "." + column)
                .collect(Collectors.joining(", "));
    }

    /** A row of {@link #VIEW_COLUMNS} as queries hand it out, for any query that reads the identity file's records. */
    public static final RowMapper<ResidentRecordView> VIEW = IdentityFileQueries::view;

    private static final String SELECT = "SELECT " + VIEW_COLUMNS;

    private final JdbcTemplate jdbc;

    public IdentityFileQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ResidentRecordView> current(ResidentCode code) {
        return jdbc.query(SELECT + " FROM identity_current WHERE resident_code = ?", VIEW, code.value())
                .stream().findFirst();
    }

    /** The record as the file held it at {@code instant}: the last version that changed it received by then. */
    public Optional<ResidentRecordView> asOf(ResidentCode code, Instant instant) {
        return jdbc.query(SELECT + " FROM identity_version WHERE resident_code = ? AND effect = 'CURRENT_CHANGED'"
                        + " AND received_at <= ? ORDER BY version DESC LIMIT 1",
                VIEW, code.value(), Timestamp.from(instant)).stream().findFirst();
    }

    /** The record whose current version holds {@code number}, current or removed. */
    public Optional<ResidentRecordView> byIndividualNumber(IndividualNumber number) {
        return jdbc.query(SELECT + " FROM identity_current WHERE resident_code ="
                        + " (SELECT resident_code FROM individual_number_holder WHERE individual_number = ?)",
                VIEW, number.value()).stream().findFirst();
    }

    /** Every version held of the record, the newest first; empty when the file holds nothing under the code. */
    public List<ResidentRecordView> versions(ResidentCode code) {
        return jdbc.query(SELECT + " FROM identity_version WHERE resident_code = ? ORDER BY version DESC",
                VIEW, code.value());
    }

    /** How every version held came to be, the oldest first. */
    public List<VersionHeld> history(ResidentCode code) {
        return jdbc.query("SELECT version, municipality_code, update_sequence, change_reason, change_date, received_at,"
                        + " effect, status FROM identity_version WHERE resident_code = ? ORDER BY version",
                (rs, row) -> new VersionHeld(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class), rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getString(8)),
                code.value());
    }

    private static ResidentRecordView view(ResultSet rs, int row) throws SQLException {
        String formerKanji = rs.getString("former_surname_kanji");
        String number = rs.getString("individual_number");
        return new ResidentRecordView(
                ResidentCode.of(rs.getString("resident_code")),
                ResidentStatus.valueOf(rs.getString("status")),
                MunicipalityCode.of(rs.getString("municipality_code")),
                new PersonName(rs.getString("name_kanji"), rs.getString("name_kana"),
                        rs.getInt("name_gaiji_count"), rs.getInt("name_gaiji_change_seq")),
                formerKanji == null ? null : new PersonName(formerKanji, rs.getString("former_surname_kana"),
                        rs.getInt("former_surname_gaiji_count"), rs.getInt("former_surname_gaiji_change_seq")),
                rs.getObject("birth_date", LocalDate.class),
                Sex.ofCode(rs.getString("sex")),
                new Address(rs.getString("address_text"), rs.getString("address_oaza_code"),
                        rs.getInt("address_gaiji_count"), rs.getInt("address_gaiji_change_seq")),
                number == null ? null : IndividualNumber.of(number),
                ChangeReason.valueOf(rs.getString("change_reason")),
                rs.getObject("change_date", LocalDate.class),
                rs.getInt("version"));
    }
}
