package org.residentregistry.replay;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.projections.RowCursor;

/**
 * The queries the tool makes on the event store (domain_event_entry, V1 migration). Both files' events share the
 * table, each under its aggregate type and identifiers of its own; one person's are read from either file, the
 * whole-store queries (check, export) read the identity file's only.
 */
final class EventStore {

    private static final String IDENTITY_FILE = " WHERE type = '" + FileEvents.IDENTITY.aggregateType + "'";
    private static final String SELECT_ANY = "SELECT global_index, aggregate_identifier, sequence_number, payload_type, "
            + "payload_revision, payload FROM domain_event_entry";
    private static final String SELECT = SELECT_ANY + IDENTITY_FILE;

    private final Connection connection;

    EventStore(Connection connection) {
        this.connection = connection;
    }

    /** One resident's identity-file events in sequence order, through the (aggregate_identifier, sequence_number) index. */
    List<StoredEvent> ofResident(String residentCode) throws SQLException {
        return ofResident(FileEvents.IDENTITY, new ResidentCode(residentCode));
    }

    /** One resident's events in one file, in sequence order, through the (aggregate_identifier, sequence_number) index. */
    List<StoredEvent> ofResident(FileEvents<?> file, ResidentCode residentCode) throws SQLException {
        return RowCursor.list(connection, SELECT_ANY + " WHERE type = ? AND aggregate_identifier = ? ORDER BY sequence_number",
                EventStore::storedEvent, file.aggregateType, file.aggregateId(residentCode));
    }

    /** Every event, resident by resident, in the order of the (aggregate_identifier, sequence_number) index. */
    RowCursor<StoredEvent> inResidentOrder() throws SQLException {
        return RowCursor.open(connection, SELECT + " ORDER BY aggregate_identifier, sequence_number", EventStore::storedEvent);
    }

    /** Every event in the store's global order. */
    RowCursor<StoredEvent> inGlobalOrder() throws SQLException {
        return RowCursor.open(connection, SELECT + " ORDER BY global_index", EventStore::storedEvent);
    }

    long count() throws SQLException {
        return RowCursor.list(connection, "SELECT count(*) FROM domain_event_entry" + IDENTITY_FILE, rows -> rows.getLong(1)).get(0);
    }

    /** Up to {@code size} resident codes drawn at random from those with events (each has exactly one first event). */
    List<String> sampleOfResidents(int size) throws SQLException {
        return RowCursor.list(connection, "SELECT aggregate_identifier FROM domain_event_entry" + IDENTITY_FILE
                + " AND sequence_number = 0"
                + " ORDER BY random() LIMIT ?", rows -> rows.getString(1), size);
    }

    /** By position in {@link #SELECT}: looking columns up by name is measurably slower over the whole store. */
    private static StoredEvent storedEvent(ResultSet rows) throws SQLException {
        return new StoredEvent(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getString(4), rows.getString(5),
                rows.getBytes(6));
    }
}
