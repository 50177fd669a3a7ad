package org.residentregistry.projections.overseas;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.codes.Sex;
import org.residentregistry.core.overseas.ChangeKind;
import org.residentregistry.core.overseas.LastDomesticAddress;
import org.residentregistry.core.overseas.OverseasAddress;
import org.residentregistry.core.overseas.OverseasName;
import org.residentregistry.core.overseas.OverseasStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** Reads the overseas file's read models: a person's latest record, or the one it held at a past instant. */
public class OverseasFileQueries {

    /** The columns of overseas_current (or overseas_version) that {@link #VIEW} reads. */
    public static final String VIEW_COLUMNS = "resident_code, status, managing_municipality_code, name_kanji, name_kana, "
            + "name_gaiji_count, birth_date, sex, address_municipality_code, address_text, address_gaiji_count, "
            + "last_domestic_address_text, last_domestic_address_gaiji_count, previous_resident_code, gaiji_flag, "
            + "gaiji_pattern, change_kind, change_date, version";

    public static final String CURRENT = "overseas_current";

    public static final RowMapper<OverseasRecordView> VIEW = OverseasFileQueries::view;

    private static final String SELECT = "SELECT " + VIEW_COLUMNS;

    private final JdbcTemplate jdbc;

    public OverseasFileQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<OverseasRecordView> current(ResidentCode code) {
        return jdbc.query(SELECT + " FROM overseas_current WHERE resident_code = ?", VIEW, code.value())
                .stream().findFirst();
    }

    /** The record as the overseas file held it at {@code instant}: the last version received by then. */
    public Optional<OverseasRecordView> asOf(ResidentCode code, Instant instant) {
        return jdbc.query(SELECT + " FROM overseas_version WHERE resident_code = ? AND received_at <= ?"
                        + " ORDER BY version DESC LIMIT 1", VIEW, code.value(), Timestamp.from(instant))
                .stream().findFirst();
    }

    private static OverseasRecordView view(ResultSet rs, int row) throws SQLException {
        String addressMunicipality = rs.getString("address_municipality_code");
        String lastText = rs.getString("last_domestic_address_text");
        String previous = rs.getString("previous_resident_code");
        return new OverseasRecordView(
                ResidentCode.of(rs.getString("resident_code")),
                OverseasStatus.valueOf(rs.getString("status")),
                MunicipalityCode.of(rs.getString("managing_municipality_code")),
                new OverseasName(rs.getString("name_kanji"), rs.getString("name_kana"), rs.getInt("name_gaiji_count")),
                rs.getObject("birth_date", LocalDate.class),
                Sex.ofCode(rs.getString("sex")),
                new OverseasAddress(addressMunicipality == null ? null : MunicipalityCode.of(addressMunicipality),
                        rs.getString("address_text"), rs.getInt("address_gaiji_count")),
                lastText == null ? null : new LastDomesticAddress(lastText, rs.getInt("last_domestic_address_gaiji_count")),
                null,
                previous == null ? null : ResidentCode.of(previous),
                rs.getBoolean("gaiji_flag"),
                rs.getString("gaiji_pattern"),
                ChangeKind.valueOf(rs.getString("change_kind")),
                rs.getObject("change_date", LocalDate.class),
                rs.getInt("version"));
    }
}
