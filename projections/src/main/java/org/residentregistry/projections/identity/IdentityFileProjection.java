package org.residentregistry.projections.identity;

import java.sql.SQLException;
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
import org.residentregistry.projections.ArrayRows;
import org.residentregistry.projections.CopyRows;
import org.residentregistry.projections.PendingWrites;
import org.residentregistry.projections.RowValues;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The identity file's current-record and history read models (identity_current, identity_version). Runs in a
 * subscribing processor, so in the transaction that appends the events: an acknowledged notification is
 * visible to the next query, whichever node answers it. Each table is written by one statement per event batch
 * ({@link ArrayRows}).
 */
@ProcessingGroup(IdentityFileProjection.PROCESSING_GROUP)
public class IdentityFileProjection {

    public static final String PROCESSING_GROUP = "identity-file";

    static final String COLUMNS = "resident_code, version, status, municipality_code, update_sequence, change_reason, "
            + "change_date, notified_at, received_at, operator_id, terminal_id, previous_resident_code, superseded_by, "
            + "name_kanji, name_kana, name_gaiji_count, name_gaiji_change_seq, former_surname_kanji, former_surname_kana, "
            + "former_surname_gaiji_count, former_surname_gaiji_change_seq, birth_date, sex, address_text, address_oaza_code, "
            + "address_gaiji_count, address_gaiji_change_seq, individual_number, gaiji_flag";

    /** The views through which the server reads and writes the active generation of the tables. */
    public static final String CURRENT = "identity_current";
    public static final String VERSIONS = "identity_version";

    private final JdbcTemplate jdbc;
    private final boolean bulk;
    private final String pending;
    private final String versionTable;
    private final String insertVersion;
    private final String upsertCurrent;
    private final String currentFromVersions;

    /** The live projection, writing through the views. */
    public IdentityFileProjection(JdbcTemplate jdbc) {
        this(jdbc, CURRENT, VERSIONS, false);
    }

    /**
     * A projection writing into the given tables: a rebuild fills a new generation this way. In {@code bulk} it copies
     * the versions only (COPY, not inserts), and {@link #completeBulkLoad()} then derives the current records from them.
     */
    public IdentityFileProjection(JdbcTemplate jdbc, String currentTable, String versionTable, boolean bulk) {
        this.jdbc = jdbc;
        this.bulk = bulk;
        this.pending = IdentityFileProjection.class.getName() + ".pending." + currentTable;
        this.versionTable = versionTable;
        // A current record is its resident's last version that changed it, with every column as that version has it.
        this.currentFromVersions = "INSERT INTO " + currentTable + " (" + COLUMNS + ") SELECT DISTINCT ON (resident_code) "
                + COLUMNS + " FROM " + versionTable + " WHERE effect = '" + NotificationOutcome.Effect.CURRENT_CHANGED.name()
                + "' ORDER BY resident_code, version DESC";
        this.insertVersion = "INSERT INTO " + versionTable + " (" + COLUMNS + ", effect) SELECT * FROM " + ArrayRows.ROWS;
        this.upsertCurrent = "INSERT INTO " + currentTable + " (" + COLUMNS + ") SELECT * FROM " + ArrayRows.ROWS
                + " ON CONFLICT (resident_code) DO UPDATE SET "
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

    /** Writes the current records of every resident from the versions a bulk load wrote. */
    public void completeBulkLoad() {
        jdbc.update(currentFromVersions);
    }

    private void flush(List<IdentityEvent> events) {
        if (bulk) {
            CopyRows.copy(jdbc, versionTable, COLUMNS + ", effect", events, IdentityFileProjection::versionRow);
            return;
        }
        ArrayRows.write(jdbc, insertVersion, events, IdentityFileProjection::versionRow);
        // Only the last change per resident: one multi-row upsert may not touch a row twice.
        Map<String, IdentityEvent> currentChanges = new LinkedHashMap<>();
        events.stream()
                .filter(e -> e.effect() == NotificationOutcome.Effect.CURRENT_CHANGED)
                .forEach(e -> currentChanges.put(e.residentCode().value(), e));
        ArrayRows.write(jdbc, upsertCurrent, List.copyOf(currentChanges.values()), IdentityFileProjection::row);
    }

    /** An identity_version row: the record's columns, then the effect. */
    private static void versionRow(IdentityEvent e, RowValues values) throws SQLException {
        row(e, values);
        values.text(e.effect().name());
    }

    /** The record's columns, in the order of {@link #COLUMNS}. */
    private static void row(IdentityEvent e, RowValues values) throws SQLException {
        IdentityRow row = IdentityRow.of(e);
        values.text(row.residentCode());
        values.integer(row.version());
        values.text(row.status());
        values.text(row.municipalityCode());
        values.bigint(row.updateSequence());
        values.text(row.changeReason());
        values.date(row.changeDate());
        values.timestamp(row.notifiedAt());
        values.timestamp(row.receivedAt());
        values.text(row.operatorId());
        values.text(row.terminalId());
        values.text(row.previousResidentCode());
        values.text(row.supersededBy());
        values.text(row.nameKanji());
        values.text(row.nameKana());
        values.integer(row.nameGaijiCount());
        values.integer(row.nameGaijiChangeSeq());
        values.text(row.formerSurnameKanji());
        values.text(row.formerSurnameKana());
        values.integer(row.formerSurnameGaijiCount());
        values.integer(row.formerSurnameGaijiChangeSeq());
        values.date(row.birthDate());
        values.text(row.sex());
        values.text(row.addressText());
        values.text(row.addressOazaCode());
        values.integer(row.addressGaijiCount());
        values.integer(row.addressGaijiChangeSeq());
        values.text(row.individualNumber());
        values.bool(row.gaijiFlag());
    }
}
