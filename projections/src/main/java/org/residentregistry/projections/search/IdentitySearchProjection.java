package org.residentregistry.projections.search;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.residentregistry.core.identity.IdentityEvent;
import org.residentregistry.core.identity.IdentityRecord;
import org.residentregistry.core.notification.NotificationOutcome;
import org.residentregistry.core.identity.ResidentStatus;
import org.residentregistry.core.search.AddressSearchKey;
import org.residentregistry.core.search.NameKeys;
import org.residentregistry.projections.PendingWrites;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The four-field search's read model (identity_search): for every version of every record, the search keys of the
 * name, of the name with the former surname (旧氏) in place of the surname, and of the address. The rows of a
 * resident's current version are marked current, and every row of a removed person removed, so that earlier
 * versions and removed persons match only when asked for. Rows are written in JDBC batches, one per event batch.
 */
@ProcessingGroup(IdentitySearchProjection.PROCESSING_GROUP)
public class IdentitySearchProjection {

    public static final String PROCESSING_GROUP = "identity-search";

    static final String NAME = "NAME";
    static final String FORMER_SURNAME = "FORMER_SURNAME";

    private static final String INSERT = "INSERT INTO identity_search (resident_code, version, name_kind, current,"
            + " removed, kana_key, kanji_key, kana_written, kanji_written, birth_date, sex, address_key, municipality_code)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String PENDING = IdentitySearchProjection.class.getName() + ".pending";

    private final JdbcTemplate jdbc;
    private final AddressSearchKey addressKey;

    public IdentitySearchProjection(JdbcTemplate jdbc, AddressSearchKey addressKey) {
        this.jdbc = jdbc;
        this.addressKey = addressKey;
    }

    @EventHandler
    void on(IdentityEvent event) {
        pending().add(event);
    }

    private List<IdentityEvent> pending() {
        return PendingWrites.in(CurrentUnitOfWork.get(), PENDING, ArrayList::new, this::flush);
    }

    /** One row of identity_search: a version of a record, named one way. */
    private record Row(IdentityEvent event, String nameKind, NameKeys name, boolean current, boolean removed) {
    }

    /** What the batch does to one resident: its last change of the current record, and its status after the batch. */
    private static final class ResidentInBatch {
        IdentityEvent lastChange;
        int firstVersion = Integer.MAX_VALUE;
        ResidentStatus status;
    }

    private void flush(List<IdentityEvent> events) {
        Map<String, ResidentInBatch> residents = new HashMap<>();
        for (IdentityEvent e : events) {
            ResidentInBatch resident = residents.computeIfAbsent(e.residentCode().value(), code -> new ResidentInBatch());
            resident.firstVersion = Math.min(resident.firstVersion, e.version());
            resident.status = e.status();
            if (e.effect() == NotificationOutcome.Effect.CURRENT_CHANGED) {
                resident.lastChange = e;
            }
        }
        // Rows of earlier batches stop being current once the record changes, and follow the resident's status.
        List<Map.Entry<String, ResidentInBatch>> changed = residents.entrySet().stream()
                .filter(r -> r.getValue().lastChange != null && r.getValue().firstVersion > 1).toList();
        jdbc.batchUpdate("UPDATE identity_search SET current = false, removed = ? WHERE resident_code = ?",
                changed, changed.size(), (ps, r) -> {
                    ps.setBoolean(1, r.getValue().status == ResidentStatus.REMOVED);
                    ps.setString(2, r.getKey());
                });
        List<Row> rows = new ArrayList<>(events.size());
        for (IdentityEvent e : events) {
            ResidentInBatch resident = residents.get(e.residentCode().value());
            boolean current = resident.lastChange == e;
            boolean removed = resident.status == ResidentStatus.REMOVED;
            IdentityRecord record = e.notification().record();
            rows.add(new Row(e, NAME, NameKeys.of(record.name()), current, removed));
            if (record.formerSurname() != null) {
                rows.add(new Row(e, FORMER_SURNAME, NameKeys.withFormerSurname(record.name(), record.formerSurname()),
                        current, removed));
            }
        }
        jdbc.batchUpdate(INSERT, rows, rows.size(), this::bind);
    }

    private void bind(PreparedStatement ps, Row row) throws SQLException {
        IdentityEvent e = row.event();
        IdentityRecord record = e.notification().record();
        int i = 0;
        ps.setString(++i, e.residentCode().value());
        ps.setInt(++i, e.version());
        ps.setString(++i, row.nameKind());
        ps.setBoolean(++i, row.current());
        ps.setBoolean(++i, row.removed());
        ps.setString(++i, row.name().kana());
        ps.setString(++i, row.name().kanji());
        ps.setString(++i, row.name().writtenKana());
        ps.setString(++i, row.name().writtenKanji());
        ps.setDate(++i, Date.valueOf(record.birthDate()));
        ps.setString(++i, record.sex().code());
        ps.setString(++i, addressKey.of(record.address().text()));
        ps.setString(++i, e.holder().value());
    }
}
