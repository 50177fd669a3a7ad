package org.residentregistry.replay;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.projections.RowCursor;

/**
 * The queries the tool makes on the event store (domain_event_entry, V1 migration). Both files' events share the
 * table, each under its aggregate type and identifiers of its own; every query reads one file's.
 */
final class EventStore {

    private static final String SELECT = "SELECT global_index, aggregate_identifier, sequence_number, payload_type, "
            + "payload_revision, payload FROM domain_event_entry WHERE type = ?";

    private final Connection connection;
    private final FileEvents<?> file;

    EventStore(Connection connection, FileEvents<?> file) {
        this.connection = connection;
        this.file = file;
    }

    /** One resident's events in sequence order, through the (aggregate_identifier, sequence_number) index. */
    List<StoredEvent> ofResident(ResidentCode residentCode) throws SQLException {
        return RowCursor.list(connection, SELECT + " AND aggregate_identifier = ? ORDER BY sequence_number",
                this::storedEvent, file.aggregateType, file.aggregateId(residentCode));
    }

    /** Every event, resident by resident, in the order of the (aggregate_identifier, sequence_number) index. */
    RowCursor<StoredEvent> inResidentOrder() throws SQLException {
        return RowCursor.open(connection, SELECT + " ORDER BY aggregate_identifier, sequence_number", this::storedEvent,
                file.aggregateType);
    }

    /** Every event in the store's global order. */
    RowCursor<StoredEvent> inGlobalOrder() throws SQLException {
        return RowCursor.open(connection, SELECT + " ORDER BY global_index", this::storedEvent, file.aggregateType);
    }

    long count() throws SQLException {
        return RowCursor.list(connection, "SELECT count(*) FROM domain_event_entry WHERE type = ?", rows -> rows.getLong(1),
                file.aggregateType).get(0);
    }

    /** Up to {@code size} resident codes drawn at random from those with events (each has exactly one first event). */
    List<ResidentCode> sampleOfResidents(int size) throws SQLException {
        return RowCursor.list(connection, "SELECT aggregate_identifier FROM domain_event_entry WHERE type = ?"
                + " AND sequence_number = 0 ORDER BY random() LIMIT ?",
                rows -> new ResidentCode(file.residentCode(rows.getString(1))), file.aggregateType, size);
    }

    /**
     * By position in {@link #SELECT}: looking columns up by name is measurably slower over the whole store. The
     * resident code is the one the file's identifier names.
     */
    private StoredEvent storedEvent(ResultSet rows) throws SQLException {
        return new StoredEvent(rows.getLong(1), file.residentCode(rows.getString(2)), rows.getLong(3), rows.getString(4),
                rows.getString(5), rows.getBytes(6));
    }
}
