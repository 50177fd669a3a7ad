package org.residentregistry.projections.provision;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import org.residentregistry.projections.RowCursor;

/**
 * The retention purge of the provision log — 提供・移転記録の保存期間 — at the level of the chain: it erases whole sealed
 * segments only, every entry (with its resident rows and the checkpoints) up to and including a checkpoint whose
 * time, like every checkpoint's before it, is older than the period, and keeps that checkpoint, from which
 * {@link ProvisionLogVerifier} then starts. It first records the cut in {@code provision_log_purge}, MAC'd with the
 * checkpoint key, then erases in bounded batches of whole segments through the database's {@code provision_log_erase}
 * (the only way past the append-only triggers), oldest first, so that a crash anywhere leaves a log that verifies and a
 * cut the next run finishes.
 * <p>
 * Each method runs in the caller's transaction, one transaction each (a batch commits alone), and takes the same
 * transaction-level advisory lock, so two nodes never purge at once; none touches the chain's head, which the writers
 * lock.
 */
public final class ProvisionLogPurge {

    /** The advisory lock of the provision log's purge (any constant no other lock of the registry uses). */
    private static final long LOCK = 0x70726f765f707267L;

    private final CheckpointKey key;

    public ProvisionLogPurge(CheckpointKey key) {
        this.key = key;
    }

    /**
     * What remains to be erased for a period that ended at {@code expiredBefore}.
     *
     * @param cutSeq          the checkpoint erased through (0: nothing to erase)
     * @param entries         entries still held up to it
     * @param segments        sealed segments still held up to it
     * @param retainedFromSeq the first entry the log holds beyond it, null if none
     */
    public record Due(long cutSeq, long entries, long segments, Long retainedFromSeq) {
    }

    /** One batch erased: how many entries and whole segments. */
    public record Erased(long entries, long segments) {
    }

    private record Checkpoint(long seq, byte[] chainHash, Instant at) {
    }

    /** What a purge of the period ended at {@code expiredBefore} erases (recorded or not yet); changes nothing. */
    public Due due(Connection connection, Instant expiredBefore) throws SQLException {
        long recorded = recordedCut(connection);
        Checkpoint cut = newCut(connection, recorded, expiredBefore);
        long cutSeq = cut == null ? recorded : cut.seq();
        Long first = first(connection);
        if (first == null || first > cutSeq) {
            return new Due(cutSeq, 0, 0, first);
        }
        return new Due(cutSeq, count(connection, "SELECT count(*) FROM provision_log WHERE seq <= ?", cutSeq),
                count(connection, "SELECT count(*) FROM provision_log_checkpoint WHERE seq BETWEEN ? AND ?", first, cutSeq),
                longOrNull(connection, "SELECT min(seq) FROM provision_log WHERE seq > ?", cutSeq));
    }

    /**
     * Records the cut of the period ended at {@code expiredBefore}, if it lies beyond the cut recorded last.
     *
     * @return whether a new cut was recorded
     */
    public boolean record(Connection connection, Instant expiredBefore, Instant at) throws SQLException {
        lock(connection);
        Checkpoint cut = newCut(connection, recordedCut(connection), expiredBefore);
        if (cut == null) {
            return false;
        }
        Instant before = ProvisionLogChain.storedPrecision(expiredBefore);
        Instant recordedAt = ProvisionLogChain.storedPrecision(at);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO provision_log_purge (cut_seq, chain_hash,"
                + " expired_before, at, mac) VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, cut.seq());
            insert.setBytes(2, cut.chainHash());
            insert.setTimestamp(3, Timestamp.from(before));
            insert.setTimestamp(4, Timestamp.from(recordedAt));
            insert.setBytes(5, ProvisionLogChain.purgeMac(key, cut.seq(), cut.chainHash(), before, recordedAt));
            insert.executeUpdate();
        }
        return true;
    }

    /**
     * Erases the oldest whole segments up to the recorded cut: as many as fit in {@code maxEntries} entries, at least
     * one (a segment is never split, or the log would not verify).
     *
     * @return what was erased; nothing once the recorded cut is reached
     */
    public Erased eraseBatch(Connection connection, int maxEntries) throws SQLException {
        lock(connection);
        long recorded = recordedCut(connection);
        Long first = first(connection);
        if (first == null || first > recorded) {
            return new Erased(0, 0);
        }
        Long through = longOrNull(connection, "SELECT max(seq) FROM provision_log_checkpoint WHERE seq BETWEEN ? AND ?",
                first, Math.min(recorded, first + maxEntries - 1));
        if (through == null) {
            through = longOrNull(connection, "SELECT min(seq) FROM provision_log_checkpoint WHERE seq BETWEEN ? AND ?",
                    first, recorded);
        }
        long segments = count(connection, "SELECT count(*) FROM provision_log_checkpoint WHERE seq BETWEEN ? AND ?",
                first, through);
        return new Erased(count(connection, "SELECT provision_log_erase(?)", through), segments);
    }

    /** The first entry the log holds, null if none. */
    public Long first(Connection connection) throws SQLException {
        return longOrNull(connection, "SELECT min(seq) FROM provision_log");
    }

    private static void lock(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            statement.setLong(1, LOCK);
            statement.execute();
        }
    }

    private static long recordedCut(Connection connection) throws SQLException {
        return count(connection, "SELECT coalesce(max(cut_seq), 0) FROM provision_log_purge");
    }

    /**
     * The newest checkpoint beyond {@code recorded} that is older than {@code expiredBefore} with every checkpoint
     * before it (clocks of several nodes need not agree to the second, so a younger checkpoint stops the cut), or null.
     * It reads only the expired checkpoints and the first one that is not.
     */
    private static Checkpoint newCut(Connection connection, long recorded, Instant expiredBefore) throws SQLException {
        Checkpoint cut = null;
        try (RowCursor<Checkpoint> checkpoints = RowCursor.open(connection, "SELECT seq, chain_hash, at"
                + " FROM provision_log_checkpoint WHERE seq > ? ORDER BY seq",
                rows -> new Checkpoint(rows.getLong(1), rows.getBytes(2), rows.getTimestamp(3).toInstant()), recorded)) {
            while (checkpoints.hasNext() && checkpoints.peek().at().isBefore(expiredBefore)) {
                cut = checkpoints.next();
            }
        }
        return cut;
    }

    private static long count(Connection connection, String sql, Object... parameters) throws SQLException {
        Long value = longOrNull(connection, sql, parameters);
        return value == null ? 0 : value;
    }

    private static Long longOrNull(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                long value = rows.getLong(1);
                return rows.wasNull() ? null : value;
            }
        }
    }
}
