package org.residentregistry.api.provision;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.flywaydb.core.api.migration.Context;
import org.residentregistry.api.database.RegistryJavaMigration;
import org.residentregistry.projections.provision.ProvisionLogChain;
import org.residentregistry.projections.provision.ProvisionLogEntry;
import org.springframework.stereotype.Component;

/**
 * Migration 7.1: chains the entries V4's provision log wrote before the chain existed, in seq order, with the same
 * encoding the writer uses, and sets the chain's head after the last of them. A Java migration because the hash is
 * computed by {@link ProvisionLogChain} and nowhere else. It streams the entries (bounded memory).
 */
@Component
class ChainExistingEntries extends RegistryJavaMigration {

    private static final int BATCH = 1_000;

    ChainExistingEntries() {
        super("7.1", "chain existing provision log entries");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        byte[] hash = ProvisionLogChain.GENESIS;
        long last = 0;
        try (PreparedStatement select = connection.prepareStatement("SELECT " + ProvisionLogEntry.COLUMNS
                + " FROM provision_log ORDER BY seq");
             PreparedStatement update = connection.prepareStatement("UPDATE provision_log SET hash = ? WHERE seq = ?")) {
            select.setFetchSize(BATCH);
            int batched = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ProvisionLogEntry entry = ProvisionLogEntry.read(rows);
                    hash = ProvisionLogChain.hash(hash, entry);
                    last = entry.seq();
                    update.setBytes(1, hash);
                    update.setLong(2, last);
                    update.addBatch();
                    if (++batched % BATCH == 0) {
                        update.executeBatch();
                    }
                }
            }
            update.executeBatch();
        }
        try (PreparedStatement head = connection.prepareStatement(
                "INSERT INTO provision_log_head (seq, hash, checkpoint_seq, checkpoint_at) VALUES (?, ?, 0, now())")) {
            head.setLong(1, last);
            head.setBytes(2, hash);
            head.executeUpdate();
        }
    }
}
