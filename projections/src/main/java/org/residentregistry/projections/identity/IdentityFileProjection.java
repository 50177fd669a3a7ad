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
import org.residentregistry.core.identity.IdentityNotification;
import org.residentregistry.core.identity.IdentityRecord;
import org.residentregistry.core.identity.NotificationOutcome;
import org.residentregistry.core.identity.PersonName;
import org.residentregistry.core.identity.ResidentCodeChanged;
import org.residentregistry.core.identity.ResidentCodeSuperseded;
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
        IdentityNotification n = e.notification();
        IdentityRecord r = n.record();
        int i = 0;
        ps.setString(++i, e.residentCode().value());
        ps.setInt(++i, e.version());
        ps.setString(++i, e.status().name());
        ps.setString(++i, e.holder().value());
        ps.setLong(++i, n.key().updateSequence());
        ps.setString(++i, n.changeReason().name());
        ps.setDate(++i, Date.valueOf(n.changeDate()));
        ps.setTimestamp(++i, Timestamp.from(n.notifiedAt().toInstant()));
        ps.setTimestamp(++i, Timestamp.from(e.receivedAt()));
        ps.setString(++i, n.operatorId());
        ps.setString(++i, n.terminalId());
        // The old code of a code change names the new one; the new code's entry names the old one.
        ps.setString(++i, e instanceof ResidentCodeChanged && n.previousResidentCode() != null ? n.previousResidentCode().value() : null);
        ps.setString(++i, e instanceof ResidentCodeSuperseded s ? s.supersededBy().value() : null);
        i = bindName(ps, i, r.name());
        i = bindName(ps, i, r.formerSurname());
        ps.setDate(++i, Date.valueOf(r.birthDate()));
        ps.setString(++i, r.sex().code());
        ps.setString(++i, r.address().text());
        ps.setString(++i, r.address().oazaCode());
        ps.setInt(++i, r.address().gaijiCount());
        ps.setInt(++i, r.address().gaijiChangeSeq());
        ps.setString(++i, r.individualNumber() == null ? null : r.individualNumber().value());
        ps.setBoolean(++i, r.gaijiFlag());
    }

    private static int bindName(PreparedStatement ps, int i, PersonName name) throws SQLException {
        if (name == null) {
            ps.setNull(++i, Types.VARCHAR);
            ps.setNull(++i, Types.VARCHAR);
            ps.setNull(++i, Types.INTEGER);
            ps.setNull(++i, Types.INTEGER);
            return i;
        }
        ps.setString(++i, name.kanji());
        ps.setString(++i, name.kana());
        ps.setInt(++i, name.gaijiCount());
        ps.setInt(++i, name.gaijiChangeSeq());
        return i;
    }
}
