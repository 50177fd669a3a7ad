package org.residentregistry.projections.search;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.residentregistry.core.codes.Sex;
import org.residentregistry.core.search.AddressSearchKey;
import org.residentregistry.core.search.NameKeys;
import org.residentregistry.projections.ArrayRows;
import org.residentregistry.projections.RowValues;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes a batch of record versions into a file's search rows (a table shaped as identity_search): the rows of a
 * resident's latest change are marked current, and every row of a resident removed after the batch removed, so that
 * earlier versions and removed persons match only when asked for. One statement each for the batch: a JDBC batch of
 * updates, and the new rows in one insert from column arrays ({@link ArrayRows}).
 */
public final class SearchRowWriter {

    static final String NAME = "NAME";
    static final String FORMER_SURNAME = "FORMER_SURNAME";

    /** One way a version names the person: {@link #NAME}, or {@link #FORMER_SURNAME} in place of the surname. */
    public record NamedAs(String kind, NameKeys keys) {

        public static NamedAs name(NameKeys keys) {
            return new NamedAs(NAME, keys);
        }

        public static NamedAs formerSurname(NameKeys keys) {
            return new NamedAs(FORMER_SURNAME, keys);
        }
    }

    /** A version of a record as the search sees it, and what it did: changed the current record, left it removed. */
    public record Version(String residentCode, int version, boolean changesCurrent, boolean removedAfter,
                          List<NamedAs> names, LocalDate birthDate, Sex sex, String addressText, String municipalityCode) {

        @Override
        public String toString() {
            return "Version[***]";
        }
    }

    private record Row(Version version, NamedAs name, boolean current, boolean removed) {
    }

    /** What the batch does to one resident: its last change of the current record, and its status after the batch. */
    private static final class ResidentInBatch {
        Version lastChange;
        int firstVersion = Integer.MAX_VALUE;
        boolean removed;
    }

    private final JdbcTemplate jdbc;
    private final AddressSearchKey addressKey;
    private final String insert;
    private final String supersede;

    public SearchRowWriter(JdbcTemplate jdbc, AddressSearchKey addressKey, String table) {
        this.jdbc = jdbc;
        this.addressKey = addressKey;
        this.insert = "INSERT INTO " + table + " (resident_code, version, name_kind, current, removed, kana_key, kanji_key,"
                + " kana_written, kanji_written, birth_date, sex, address_key, municipality_code) SELECT * FROM "
                + ArrayRows.ROWS;
        this.supersede = "UPDATE " + table + " SET current = false, removed = ? WHERE resident_code = ?";
    }

    public void write(List<Version> versions) {
        Map<String, ResidentInBatch> residents = new HashMap<>();
        for (Version v : versions) {
            ResidentInBatch resident = residents.computeIfAbsent(v.residentCode(), code -> new ResidentInBatch());
            resident.firstVersion = Math.min(resident.firstVersion, v.version());
            resident.removed = v.removedAfter();
            if (v.changesCurrent()) {
                resident.lastChange = v;
            }
        }
        // Rows of earlier batches stop being current once the record changes, and follow the resident's status.
        List<Map.Entry<String, ResidentInBatch>> changed = residents.entrySet().stream()
                .filter(r -> r.getValue().lastChange != null && r.getValue().firstVersion > 1).toList();
        jdbc.batchUpdate(supersede, changed, changed.size(), (ps, r) -> {
            ps.setBoolean(1, r.getValue().removed);
            ps.setString(2, r.getKey());
        });
        List<Row> rows = new ArrayList<>(versions.size());
        for (Version v : versions) {
            ResidentInBatch resident = residents.get(v.residentCode());
            v.names().forEach(name -> rows.add(new Row(v, name, resident.lastChange == v, resident.removed)));
        }
        ArrayRows.write(jdbc, insert, rows, this::row);
    }

    private void row(Row row, RowValues values) throws SQLException {
        Version v = row.version();
        values.text(v.residentCode());
        values.integer(v.version());
        values.text(row.name().kind());
        values.bool(row.current());
        values.bool(row.removed());
        values.text(row.name().keys().kana());
        values.text(row.name().keys().kanji());
        values.text(row.name().keys().writtenKana());
        values.text(row.name().keys().writtenKanji());
        values.date(v.birthDate());
        values.text(v.sex().code());
        values.text(addressKey.of(v.addressText()));
        values.text(v.municipalityCode());
    }
}
