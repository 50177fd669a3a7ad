package org.residentregistry.benchmarks.retention;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import org.residentregistry.benchmarks.suite.environment.Database;

/**
 * The reference: the same erasure of expired first versions by plain JDBC, a transaction per batch of persons as the
 * purge's, deleting those versions' rows from every table the purge erases them from (the event and any snapshot,
 * the history row, the search rows, the ledger entry, whose key the history row gives, and the relay outbox's rows).
 * Which persons it erases is decided inside its own time, as the purge's walk is inside the purge's: the persons whose
 * first version expired before {@code cutoff} and whose code's hash falls below {@code hashBelow} of 65,536.
 */
final class PlainErasure {

    /** The persons of the reference whose first version is still there, in resident-code order as the purge walks them. */
    static final String PERSONS = "SELECT v.resident_code FROM identity_version v JOIN identity_version n"
            + " ON n.resident_code = v.resident_code AND n.version = 2 WHERE v.version = 1 AND n.received_at <= ?"
            + " AND (hashtext(v.resident_code) & 65535) < ? ORDER BY v.resident_code";
    private static final String EVENTS = "DELETE FROM domain_event_entry WHERE aggregate_identifier = ANY (?)"
            + " AND sequence_number = 0";
    private static final String SNAPSHOTS = "DELETE FROM snapshot_event_entry WHERE aggregate_identifier = ANY (?)";
    private static final String VERSIONS = "DELETE FROM identity_version WHERE resident_code = ANY (?::bpchar[])"
            + " AND version = 1 RETURNING municipality_code, update_sequence";
    private static final String SEARCH = "DELETE FROM identity_search WHERE resident_code = ANY (?::bpchar[])"
            + " AND version = 1";
    private static final String LEDGER = "DELETE FROM identity_notification WHERE (municipality_code, update_sequence)"
            + " IN (SELECT * FROM unnest(?::char(6)[], ?::bigint[]))";
    private static final String OUTBOX = "DELETE FROM relay_outbox WHERE destination = 'IDENTITY_NATIONAL'"
            + " AND person = ANY (?::bpchar[]) AND version = 1";

    private PlainErasure() {
    }

    /** Erases the reference's persons' first versions: how many versions it erased. */
    static long erase(Database database, Timestamp cutoff, int hashBelow, int batchSize) throws SQLException {
        try (Connection c = database.connect();
             PreparedStatement persons = c.prepareStatement(PERSONS);
             PreparedStatement deleteEvents = c.prepareStatement(EVENTS);
             PreparedStatement deleteSnapshots = c.prepareStatement(SNAPSHOTS);
             PreparedStatement deleteVersions = c.prepareStatement(VERSIONS);
             PreparedStatement deleteSearch = c.prepareStatement(SEARCH);
             PreparedStatement deleteLedger = c.prepareStatement(LEDGER);
             PreparedStatement deleteOutbox = c.prepareStatement(OUTBOX)) {
            List<String> residentCodes = new ArrayList<>();
            persons.setTimestamp(1, cutoff);
            persons.setInt(2, hashBelow);
            try (ResultSet rs = persons.executeQuery()) {
                while (rs.next()) {
                    residentCodes.add(rs.getString(1));
                }
            }
            c.setAutoCommit(false);
            long erased = 0;
            for (int from = 0; from < residentCodes.size(); from += batchSize) {
                Array codes = c.createArrayOf("varchar",
                        residentCodes.subList(from, Math.min(residentCodes.size(), from + batchSize)).toArray());
                deleteEvents.setArray(1, codes);
                erased += deleteEvents.executeUpdate();
                deleteSnapshots.setArray(1, codes);
                deleteSnapshots.executeUpdate();
                deleteVersions.setArray(1, codes);
                List<String> municipalities = new ArrayList<>();
                List<Long> sequences = new ArrayList<>();
                try (ResultSet keys = deleteVersions.executeQuery()) {
                    while (keys.next()) {
                        municipalities.add(keys.getString(1));
                        sequences.add(keys.getLong(2));
                    }
                }
                deleteSearch.setArray(1, codes);
                deleteSearch.executeUpdate();
                deleteLedger.setArray(1, c.createArrayOf("varchar", municipalities.toArray()));
                deleteLedger.setArray(2, c.createArrayOf("bigint", sequences.toArray()));
                deleteLedger.executeUpdate();
                deleteOutbox.setArray(1, codes);
                deleteOutbox.executeUpdate();
                c.commit();
            }
            return erased;
        }
    }
}
