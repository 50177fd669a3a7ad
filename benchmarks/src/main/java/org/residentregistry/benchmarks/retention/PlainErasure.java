package org.residentregistry.benchmarks.retention;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.residentregistry.benchmarks.suite.environment.Database;

/**
 * The reference: the same erasure of superseded first versions by plain JDBC, a transaction per batch of persons
 * as the purge's, deleting those versions' rows from the tables the purge erases them from (the event, the history
 * row, the search rows and the ledger entry, whose key the history row gives).
 */
final class PlainErasure {

    private static final String EVENTS = "DELETE FROM domain_event_entry WHERE aggregate_identifier = ANY (?)"
            + " AND sequence_number = 0";
    private static final String VERSIONS = "DELETE FROM identity_version WHERE resident_code = ANY (?) AND version = 1"
            + " RETURNING municipality_code, update_sequence";
    private static final String SEARCH = "DELETE FROM identity_search WHERE resident_code = ANY (?) AND version = 1";
    private static final String LEDGER = "DELETE FROM identity_notification WHERE (municipality_code, update_sequence)"
            + " IN (SELECT * FROM unnest(?::char(6)[], ?::bigint[]))";

    private PlainErasure() {
    }

    static void erase(Database database, List<String> residentCodes, int batchSize) throws SQLException {
        try (Connection c = database.connect();
             PreparedStatement deleteEvents = c.prepareStatement(EVENTS);
             PreparedStatement deleteVersions = c.prepareStatement(VERSIONS);
             PreparedStatement deleteSearch = c.prepareStatement(SEARCH);
             PreparedStatement deleteLedger = c.prepareStatement(LEDGER)) {
            c.setAutoCommit(false);
            for (int from = 0; from < residentCodes.size(); from += batchSize) {
                Array codes = c.createArrayOf("varchar",
                        residentCodes.subList(from, Math.min(residentCodes.size(), from + batchSize)).toArray());
                deleteEvents.setArray(1, codes);
                deleteEvents.executeUpdate();
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
                c.commit();
            }
        }
    }
}
