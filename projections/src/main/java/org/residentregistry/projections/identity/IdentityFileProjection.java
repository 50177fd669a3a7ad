package org.residentregistry.projections.identity;

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
import org.residentregistry.core.identity.IdentityEvent;
import org.residentregistry.core.notification.NotificationOutcome;
import org.residentregistry.projections.PendingWrites;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The identity file's current-record and history read models (identity_current, identity_version). Runs in a
 * subscribing processor, so in the transaction that appends the events: an acknowledged notification is
 * visible to the next query, whichever node answers it. Rows are written in JDBC batches, one per event batch.
 */
@ProcessingGroup(IdentityFileProjection.PROCESSING_GROUP)
public class IdentityFileProjection {

    public static final String PROCESSING_GROUP = "identity-file";

    static final String COLUMNS = "resident_code, version, status, municipality_code, update_sequence, change_reason, "
            + "change_date, notified_at, received_at, operator_id, terminal_id, previous_resident_code, superseded_by, "
            + "name_kanji, name_kana, name_gaiji_count, name_gaiji_change_seq, former_surname_kanji, former_surname_kana, "
            + "former_surname_gaiji_count, former_surname_gaiji_change_seq, birth_date, sex, address_text, address_oaza_code, "
            + "address_gaiji_count, address_gaiji_change_seq, individual_number, gaiji_flag";
    private static final int COLUMN_COUNT = COLUMNS.split(",").length;

    /** The views through which the server reads and writes the active generation of the tables. */
    public static final String CURRENT = "identity_current";
    public static final String VERSIONS = "identity_version";

    private final JdbcTemplate jdbc;
    private final String pending;
    private final String insertVersion;
    private final String upsertCurrent;

    /** The live projection, writing through the views. */
    public IdentityFileProjection(JdbcTemplate jdbc) {
        this(jdbc, CURRENT, VERSIONS);
    }

    /** A projection writing into the given tables: a rebuild fills a new generation this way. */
    public IdentityFileProjection(JdbcTemplate jdbc, String currentTable, String versionTable) {
        this.jdbc = jdbc;
        this.pending = IdentityFileProjection.class.getName() + ".pending." + currentTable;
        this.insertVersion = "INSERT INTO " + versionTable + " (" + COLUMNS + ", effect) VALUES ("
                + "?,".repeat(COLUMN_COUNT) + "?)";
        this.upsertCurrent = "INSERT INTO " + currentTable + " (" + COLUMNS + ") VALUES ("
                + "?,".repeat(COLUMN_COUNT - 1) + "?) ON CONFLICT (resident_code) DO UPDATE SET "
                + String.join(", ", Arrays.stream(COLUMNS.split(",\\s*")).skip(1).map(c -> c + " = EXCLUDED." + c).toList());
    }

    @EventHandler
    void on(IdentityEvent event) {
        pending().add(event);
    }

    /** The events of the current batch, flushed once when the batch's unit of work prepares to commit. */
    private List<IdentityEvent> pending() {
        return PendingWrites.in(CurrentUnitOfWork.get(), pending, ArrayList::new, this::flush);
    }

    private void flush(List<IdentityEvent> events) {
        jdbc.batchUpdate(insertVersion, events, events.size(), (ps, e) -> {
            bindRow(ps, e);
            ps.setString(COLUMN_COUNT + 1, e.effect().name());
        });
        // Only the last change per resident: one multi-row upsert may not touch a row twice.
        Map<String, IdentityEvent> currentChanges = new LinkedHashMap<>();
        events.stream()
                .filter(e -> e.effect() == NotificationOutcome.Effect.CURRENT_CHANGED)
                .forEach(e -> currentChanges.put(e.residentCode().value(), e));
        jdbc.batchUpdate(upsertCurrent, List.copyOf(currentChanges.values()), currentChanges.size(),
                IdentityFileProjection::bindRow);
    }

    private static void bindRow(PreparedStatement ps, IdentityEvent e) throws SQLException {
        IdentityRow row = IdentityRow.of(e);
        int i = 0;
        ps.setString(++i, row.residentCode());
        ps.setInt(++i, row.version());
        ps.setString(++i, row.status());
        ps.setString(++i, row.municipalityCode());
        ps.setLong(++i, row.updateSequence());
        ps.setString(++i, row.changeReason());
        ps.setDate(++i, Date.valueOf(row.changeDate()));
        ps.setTimestamp(++i, Timestamp.from(row.notifiedAt()));
        ps.setTimestamp(++i, Timestamp.from(row.receivedAt()));
        ps.setString(++i, row.operatorId());
        ps.setString(++i, row.terminalId());
        ps.setString(++i, row.previousResidentCode());
        ps.setString(++i, row.supersededBy());
        ps.setString(++i, row.nameKanji());
        ps.setString(++i, row.nameKana());
        ps.setInt(++i, row.nameGaijiCount());
        ps.setInt(++i, row.nameGaijiChangeSeq());
        ps.setString(++i, row.formerSurnameKanji());
        ps.setString(++i, row.formerSurnameKana());
        setInteger(ps, ++i, row.formerSurnameGaijiCount());
        setInteger(ps, ++i, row.formerSurnameGaijiChangeSeq());
        ps.setDate(++i, Date.valueOf(row.birthDate()));
        ps.setString(++i, row.sex());
        ps.setString(++i, row.addressText());
        ps.setString(++i, row.addressOazaCode());
        ps.setInt(++i, row.addressGaijiCount());
        ps.setInt(++i, row.addressGaijiChangeSeq());
        ps.setString(++i, row.individualNumber());
        ps.setBoolean(++i, row.gaijiFlag());
    }

    private static void setInteger(PreparedStatement ps, int i, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, value);
        }
    }
}
