package org.residentregistry.projections.overseas;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.residentregistry.core.overseas.OverseasEvent;
import org.residentregistry.projections.PendingWrites;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The overseas file's latest-record and history read models (overseas_current, overseas_version), kept apart from
 * the identity file's. Subscribing, so written in the transaction that appends the events: an acknowledged
 * notification is visible to the next query. Rows are written in JDBC batches, one per event batch.
 */
@ProcessingGroup(OverseasFileProjection.PROCESSING_GROUP)
public class OverseasFileProjection {

    public static final String PROCESSING_GROUP = "overseas-file";

    static final String COLUMNS = "resident_code, version, status, managing_municipality_code, update_sequence, "
            + "change_kind, change_date, notified_at, received_at, operator_id, terminal_id, previous_resident_code, "
            + "name_kanji, name_kana, name_gaiji_count, birth_date, sex, address_municipality_code, address_text, "
            + "address_gaiji_count, last_domestic_address_text, last_domestic_address_gaiji_count, gaiji_flag, gaiji_pattern";
    private static final String[] COLUMN_NAMES = COLUMNS.split(",\\s*");
    private static final String VALUES = " VALUES (" + "?,".repeat(COLUMN_NAMES.length - 1) + "?)";

    /** The views through which the server reads and writes the active generation of the tables. */
    public static final String CURRENT = OverseasFileQueries.CURRENT;
    public static final String VERSIONS = "overseas_version";

    private final JdbcTemplate jdbc;
    private final String pending;
    private final String insertVersion;
    private final String upsertCurrent;

    /** The live projection, writing through the views. */
    public OverseasFileProjection(JdbcTemplate jdbc) {
        this(jdbc, CURRENT, VERSIONS);
    }

    /** A projection writing into the given tables: a rebuild fills a new generation this way. */
    public OverseasFileProjection(JdbcTemplate jdbc, String currentTable, String versionTable) {
        this.jdbc = jdbc;
        this.pending = OverseasFileProjection.class.getName() + ".pending." + currentTable;
        this.insertVersion = "INSERT INTO " + versionTable + " (" + COLUMNS + ")" + VALUES;
        this.upsertCurrent = "INSERT INTO " + currentTable + " (" + COLUMNS + ")" + VALUES
                + " ON CONFLICT (resident_code) DO UPDATE SET "
                + String.join(", ", Arrays.stream(COLUMN_NAMES).skip(1).map(c -> c + " = EXCLUDED." + c).toList());
    }

    @EventHandler
    void on(OverseasEvent event) {
        PendingWrites.in(CurrentUnitOfWork.get(), pending, ArrayList<OverseasEvent>::new, this::flush).add(event);
    }

    private void flush(List<OverseasEvent> events) {
        jdbc.batchUpdate(insertVersion, events, events.size(), OverseasFileProjection::bind);
        // Only the last change per person: one multi-row upsert may not touch a row twice.
        Map<String, OverseasEvent> latest = new LinkedHashMap<>();
        events.forEach(e -> latest.put(e.residentCode().value(), e));
        jdbc.batchUpdate(upsertCurrent, List.copyOf(latest.values()), latest.size(), OverseasFileProjection::bind);
    }

    private static void bind(PreparedStatement ps, OverseasEvent e) throws SQLException {
        OverseasRow row = OverseasRow.of(e);
        int i = 0;
        ps.setString(++i, row.residentCode());
        ps.setInt(++i, row.version());
        ps.setString(++i, row.status());
        ps.setString(++i, row.managingMunicipalityCode());
        ps.setLong(++i, row.updateSequence());
        ps.setString(++i, row.changeKind());
        ps.setDate(++i, Date.valueOf(row.changeDate()));
        ps.setTimestamp(++i, Timestamp.from(row.notifiedAt()));
        ps.setTimestamp(++i, Timestamp.from(row.receivedAt()));
        ps.setString(++i, row.operatorId());
        ps.setString(++i, row.terminalId());
        ps.setString(++i, row.previousResidentCode());
        ps.setString(++i, row.nameKanji());
        ps.setString(++i, row.nameKana());
        ps.setInt(++i, row.nameGaijiCount());
        ps.setDate(++i, Date.valueOf(row.birthDate()));
        ps.setString(++i, row.sex());
        ps.setString(++i, row.addressMunicipalityCode());
        ps.setString(++i, row.addressText());
        ps.setInt(++i, row.addressGaijiCount());
        ps.setString(++i, row.lastDomesticAddressText());
        if (row.lastDomesticAddressGaijiCount() == null) {
            ps.setNull(++i, Types.INTEGER);
        } else {
            ps.setInt(++i, row.lastDomesticAddressGaijiCount());
        }
        ps.setBoolean(++i, row.gaijiFlag());
        ps.setString(++i, row.gaijiPattern());
    }
}
