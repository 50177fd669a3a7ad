package org.residentregistry.projections.provision;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

import org.residentregistry.projections.RowCursor;
import org.residentregistry.projections.provision.ProvisionLogVerification.Reason;

/**
 * Verifies the provision log as stored: recomputes every entry's hash in seq order, checks its per-resident rows,
 * each checkpoint's MAC, link and chain hash, and the chain's head. It streams the entries, the resident rows and
 * the checkpoints through three server-side cursors merged by seq, so memory stays bounded whatever the log's size.
 * <p>
 * The verification starts at seq 1 from {@link ProvisionLogChain#GENESIS}, or, once a retention purge has removed
 * whole sealed segments, from the oldest retained checkpoint, whose chain hash is the previous hash of the first
 * retained entry — but only if a purge record, MAC'd with the checkpoint key, covers that checkpoint: leading entries
 * deleted by hand are missing entries. The connection must be in a transaction (autocommit off; repeatable read for
 * one snapshot).
 */
public final class ProvisionLogVerifier {

    private final CheckpointKey key;

    public ProvisionLogVerifier(CheckpointKey key) {
        this.key = key;
    }

    private record StoredEntry(ProvisionLogEntry entry, byte[] hash) {
    }

    private record ResidentRow(long seq, String residentCode) {
    }

    private record Checkpoint(long seq, byte[] chainHash, Instant at, long previousSeq, byte[] mac) {
    }

    private record Head(long seq, byte[] hash, long checkpointSeq) {
    }

    /** A retention purge's record: the entries up to {@code cutSeq} are erased, the checkpoint there kept. */
    private record Purge(long cutSeq, byte[] chainHash, Instant expiredBefore, Instant at, byte[] mac) {
    }

    /** The state of the walk along the chain. */
    private final class Walk {
        long entries;
        long checkpoints;
        long sealedUpTo;
        long lastCheckpoint;
        byte[] previous = ProvisionLogChain.GENESIS;
        long expectedSeq = 1;
        /** The last purge recorded, null if none. */
        final Purge purge;

        Walk(Purge purge) {
            this.purge = purge;
        }

        long purgedThrough() {
            return purge == null ? 0 : purge.cutSeq();
        }

        ProvisionLogVerification invalid(long seq, Reason reason) {
            return ProvisionLogVerification.invalid(entries, checkpoints, sealedUpTo, purgedThrough(), seq, reason);
        }

        /** Checks a checkpoint at the walk's position; null when it holds. */
        ProvisionLogVerification seal(Checkpoint checkpoint, boolean first) {
            if (!Arrays.equals(checkpoint.mac(), ProvisionLogChain.checkpointMac(key, checkpoint.seq(),
                    checkpoint.chainHash(), checkpoint.at(), checkpoint.previousSeq()))) {
                return invalid(checkpoint.seq(), Reason.CHECKPOINT_FORGED);
            }
            if (!first && checkpoint.previousSeq() != lastCheckpoint) {
                return invalid(checkpoint.previousSeq(), Reason.CHECKPOINT_MISSING);
            }
            if (!first && !Arrays.equals(checkpoint.chainHash(), previous)) {
                return invalid(lastCheckpoint + 1, Reason.CHAIN_DIFFERS_FROM_CHECKPOINT);
            }
            if (purge != null && checkpoint.seq() == purge.cutSeq() && !Arrays.equals(checkpoint.chainHash(), purge.chainHash())) {
                return invalid(purge.cutSeq(), Reason.PURGE_FORGED);
            }
            checkpoints++;
            lastCheckpoint = checkpoint.seq();
            sealedUpTo = checkpoint.seq();
            return null;
        }
    }

    /**
     * Verifies the whole log.
     *
     * @param progress told the seq of every entry checked (a progress bar, say)
     */
    public ProvisionLogVerification verify(Connection connection, LongConsumer progress) throws SQLException {
        try (RowCursor<StoredEntry> entries = RowCursor.open(connection, "SELECT " + ProvisionLogEntry.COLUMNS
                + ", hash FROM provision_log ORDER BY seq", rows -> new StoredEntry(ProvisionLogEntry.read(rows), rows.getBytes(15)));
             RowCursor<ResidentRow> residents = RowCursor.open(connection,
                     "SELECT seq, resident_code FROM provision_log_resident ORDER BY seq, position",
                     rows -> new ResidentRow(rows.getLong(1), rows.getString(2)));
             RowCursor<Checkpoint> checkpoints = RowCursor.open(connection,
                     "SELECT seq, chain_hash, at, previous_seq, mac FROM provision_log_checkpoint ORDER BY seq",
                     rows -> new Checkpoint(rows.getLong(1), rows.getBytes(2), rows.getTimestamp(3).toInstant(),
                             rows.getLong(4), rows.getBytes(5)))) {
            List<Purge> purges = RowCursor.list(connection,
                    "SELECT cut_seq, chain_hash, expired_before, at, mac FROM provision_log_purge ORDER BY cut_seq",
                    rows -> new Purge(rows.getLong(1), rows.getBytes(2), rows.getTimestamp(3).toInstant(),
                            rows.getTimestamp(4).toInstant(), rows.getBytes(5)));
            Walk walk = new Walk(purges.isEmpty() ? null : purges.get(purges.size() - 1));
            for (Purge purge : purges) {
                if (!Arrays.equals(purge.mac(), ProvisionLogChain.purgeMac(key, purge.cutSeq(), purge.chainHash(),
                        purge.expiredBefore(), purge.at()))) {
                    return walk.invalid(purge.cutSeq(), Reason.PURGE_FORGED);
                }
            }
            ProvisionLogVerification start = start(walk, entries.peek(), checkpoints);
            if (start != null) {
                return start;
            }
            while (entries.peek() != null) {
                StoredEntry stored = entries.next();
                ProvisionLogVerification finding = check(walk, stored, residents, checkpoints);
                if (finding != null) {
                    return finding;
                }
                progress.accept(stored.entry().seq());
            }
            return end(connection, walk, residents, checkpoints);
        }
    }

    /**
     * Where the chain starts: seq 1 from the genesis, or, after a recorded purge, the oldest retained checkpoint at or
     * below its cut (below it while an interrupted purge has erased only its first segments).
     */
    private ProvisionLogVerification start(Walk walk, StoredEntry first, RowCursor<Checkpoint> checkpoints) throws SQLException {
        Checkpoint oldest = checkpoints.peek();
        if (first != null ? first.entry().seq() == 1 : oldest == null && walk.purge == null) {
            return null;
        }
        if (walk.purge == null) {
            return walk.invalid(1, Reason.ENTRY_MISSING);
        }
        if (oldest == null) {
            return walk.invalid(walk.purge.cutSeq(), Reason.CHECKPOINT_MISSING);
        }
        if (oldest.seq() > walk.purge.cutSeq()) {
            return walk.invalid(walk.purge.cutSeq() + 1, Reason.ENTRY_MISSING);
        }
        if (first != null && first.entry().seq() <= oldest.seq()) {
            return walk.invalid(first.entry().seq() - 1, Reason.CHECKPOINT_MISSING);
        }
        if (first != null && first.entry().seq() > oldest.seq() + 1) {
            return walk.invalid(oldest.seq() + 1, Reason.ENTRY_MISSING);
        }
        ProvisionLogVerification finding = walk.seal(checkpoints.next(), true);
        walk.previous = oldest.chainHash();
        walk.expectedSeq = oldest.seq() + 1;
        return finding;
    }

    private ProvisionLogVerification check(Walk walk, StoredEntry stored, RowCursor<ResidentRow> residents,
                                           RowCursor<Checkpoint> checkpoints) throws SQLException {
        ProvisionLogEntry entry = stored.entry();
        if (entry.seq() != walk.expectedSeq) {
            return walk.invalid(walk.expectedSeq, Reason.ENTRY_MISSING);
        }
        List<String> codes = new ArrayList<>();
        while (residents.peek() != null && residents.peek().seq() <= entry.seq()) {
            ResidentRow row = residents.next();
            if (row.seq() < entry.seq()) {
                return walk.invalid(row.seq(), Reason.RESIDENT_ROWS_MISMATCH);
            }
            codes.add(row.residentCode());
        }
        byte[] hash = ProvisionLogChain.hash(walk.previous, entry);
        if (!Arrays.equals(hash, stored.hash())) {
            return walk.invalid(entry.seq(), Reason.ENTRY_HASH_MISMATCH);
        }
        if (!codes.equals(entry.residentCodes())) {
            return walk.invalid(entry.seq(), Reason.RESIDENT_ROWS_MISMATCH);
        }
        walk.previous = hash;
        walk.expectedSeq++;
        walk.entries++;
        while (checkpoints.peek() != null && checkpoints.peek().seq() <= entry.seq()) {
            ProvisionLogVerification finding = walk.seal(checkpoints.next(), false);
            if (finding != null) {
                return finding;
            }
        }
        return null;
    }

    /** After the last entry: nothing may be sealed or counted beyond it. */
    private ProvisionLogVerification end(Connection connection, Walk walk, RowCursor<ResidentRow> residents,
                                         RowCursor<Checkpoint> checkpoints) throws SQLException {
        long last = walk.expectedSeq - 1;
        if (checkpoints.peek() != null) {
            return walk.invalid(walk.expectedSeq, Reason.ENTRY_MISSING);
        }
        if (residents.peek() != null) {
            return walk.invalid(residents.peek().seq(), Reason.RESIDENT_ROWS_MISMATCH);
        }
        Head head = head(connection);
        if (head == null) {
            return last == 0 ? valid(walk) : walk.invalid(1, Reason.HEAD_MISMATCH);
        }
        if (head.seq() > last) {
            return walk.invalid(last + 1, Reason.ENTRY_MISSING);
        }
        if (head.seq() < last) {
            return walk.invalid(head.seq() + 1, Reason.HEAD_MISMATCH);
        }
        if (!Arrays.equals(head.hash(), walk.previous)) {
            return walk.invalid(last, Reason.HEAD_MISMATCH);
        }
        if (head.checkpointSeq() > walk.lastCheckpoint) {
            return walk.invalid(head.checkpointSeq(), Reason.CHECKPOINT_MISSING);
        }
        return valid(walk);
    }

    private static ProvisionLogVerification valid(Walk walk) {
        return new ProvisionLogVerification(true, walk.entries, walk.checkpoints, walk.sealedUpTo, walk.purgedThrough(),
                null, null);
    }

    private static Head head(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT seq, hash, checkpoint_seq FROM provision_log_head");
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? new Head(rows.getLong(1), rows.getBytes(2), rows.getLong(3)) : null;
        }
    }
}
