package org.residentregistry.api.retention;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The record of purge runs (purge_run and its counts, digests and log outcomes) and their leases. Every method but
 * {@link #start} and {@link #claim} runs in the caller's transaction, so a batch's erasures and its progress commit
 * together.
 */
@Component
class PurgeRuns {

    static final String IDENTITY_FILE = "IDENTITY_FILE";
    static final String OVERSEAS_FILE = "OVERSEAS_FILE";
    static final String BULK_QUERIES = "BULK_QUERIES";
    static final String LOGS = "LOGS";

    /** A run a node holds: what it decides by. */
    record Claimed(UUID id, boolean dryRun, Instant asOf) {
    }

    /** Where a run stands, read under its row lock. */
    record Progress(String phase, String cursor) {
    }

    private final JdbcTemplate jdbc;

    PurgeRuns(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a new run, to be worked on by whichever node claims it; refused while another runs. */
    UUID start(boolean dryRun, String requestedBy, Instant now) {
        UUID id = UUID.randomUUID();
        try {
            jdbc.update("INSERT INTO purge_run (id, dry_run, state, requested_by, requested_at, as_of, phase)"
                    + " VALUES (?, ?, 'RUNNING', ?, ?, ?, ?)", id, dryRun, requestedBy, Timestamp.from(now),
                    Timestamp.from(now), IDENTITY_FILE);
        } catch (DuplicateKeyException e) {
            throw new PurgeAlreadyRunningException();
        }
        return id;
    }

    /** Takes the running run for {@code node} if no other node holds it (or its lease has expired). */
    Optional<Claimed> claim(String node, Duration lease) {
        return jdbc.query("UPDATE purge_run SET lease_owner = ?, lease_until = now() + ?::interval WHERE id = ("
                        + " SELECT id FROM purge_run WHERE state = 'RUNNING'"
                        + " AND (lease_until IS NULL OR lease_until < now() OR lease_owner = ?) FOR UPDATE SKIP LOCKED)"
                        + " RETURNING id, dry_run, as_of",
                (rs, row) -> new Claimed(rs.getObject(1, UUID.class), rs.getBoolean(2), rs.getTimestamp(3).toInstant()),
                node, interval(lease), node).stream().findFirst();
    }

    /** Locks the run for one batch, if {@code node} still holds it. */
    Optional<Progress> lock(UUID id, String node) {
        return jdbc.query("SELECT phase, cursor FROM purge_run WHERE id = ? AND state = 'RUNNING' AND lease_owner = ?"
                        + " FOR UPDATE", (rs, row) -> new Progress(rs.getString(1), rs.getString(2)), id, node)
                .stream().findFirst();
    }

    /** Records how far the run has come and renews the lease. */
    void advance(UUID id, Progress progress, Duration lease) {
        jdbc.update("UPDATE purge_run SET phase = ?, cursor = ?, failures = 0, lease_until = now() + ?::interval WHERE id = ?",
                progress.phase(), progress.cursor(), interval(lease), id);
    }

    /** Adds a batch's counts by kind to the run's, in one statement. */
    void count(UUID id, Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return;
        }
        jdbc.update("INSERT INTO purge_run_count (purge_run_id, kind, erased) SELECT ?, kind, erased"
                        + " FROM unnest(?::text[], ?::bigint[]) c (kind, erased)"
                        + " ON CONFLICT (purge_run_id, kind) DO UPDATE SET erased = purge_run_count.erased + EXCLUDED.erased",
                id, counts.keySet().toArray(String[]::new), counts.values().toArray(Long[]::new));
    }

    /** Records the keyed digest of each resident code a batch erased something of, never the code; one statement. */
    void erased(UUID id, String file, List<FileErasure.Erased> erased, ErasureDigests digests) {
        if (erased.isEmpty()) {
            return;
        }
        HexFormat hex = HexFormat.of();
        jdbc.update("INSERT INTO purge_run_erased (purge_run_id, file, digest, whole_entry)"
                        + " SELECT ?, ?, decode(d, 'hex'), w FROM unnest(?::text[], ?::boolean[]) e (d, w) ON CONFLICT DO NOTHING",
                id, file, erased.stream().map(person -> hex.formatHex(digests.of(person.code()))).toArray(String[]::new),
                erased.stream().map(FileErasure.Erased::wholeEntry).toArray(Boolean[]::new));
    }

    boolean logDone(UUID id, String kind) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM purge_run_log WHERE purge_run_id = ? AND kind = ?)", Boolean.class, id, kind));
    }

    void log(UUID id, String kind, LogPurgeOutcome outcome) {
        jdbc.update("INSERT INTO purge_run_log (purge_run_id, kind, entries_erased, segments_erased, retained_from_seq)"
                + " VALUES (?, ?, ?, ?, ?)", id, kind, outcome.entriesErased(), outcome.segmentsErased(),
                outcome.retainedFromSeq());
    }

    void complete(UUID id, Instant at) {
        jdbc.update("UPDATE purge_run SET state = 'COMPLETED', finished_at = ?, cursor = NULL, lease_owner = NULL,"
                + " lease_until = NULL WHERE id = ?", Timestamp.from(at), id);
    }

    /**
     * Lets the run go after a failed batch, for a node to try again at its next poll; after {@code maxFailures} in a
     * row the run is given up, naming the failure's type only (a message may quote data).
     */
    void failed(UUID id, String node, Throwable failure, int maxFailures, Instant at) {
        jdbc.update("UPDATE purge_run SET failures = failures + 1, lease_until = NULL, failure = ?,"
                + " state = CASE WHEN failures + 1 >= ? THEN 'FAILED' ELSE state END,"
                + " finished_at = CASE WHEN failures + 1 >= ? THEN ? ELSE finished_at END"
                + " WHERE id = ? AND lease_owner = ? AND state = 'RUNNING'", failure.getClass().getName(), maxFailures,
                maxFailures, Timestamp.from(at), id, node);
    }

    /** Lets the run go without a failure, for the next poll (a rebuild it must wait for is running). */
    void release(UUID id, String node) {
        jdbc.update("UPDATE purge_run SET lease_until = NULL WHERE id = ? AND lease_owner = ?", id, node);
    }

    Optional<PurgeRunStatus> status(UUID id) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("SELECT kind, erased FROM purge_run_count WHERE purge_run_id = ? ORDER BY kind",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                }, id);
        List<LogPurgeOutcome> logs = jdbc.query("SELECT kind, entries_erased, segments_erased, retained_from_seq"
                        + " FROM purge_run_log WHERE purge_run_id = ? ORDER BY kind",
                (rs, row) -> new LogPurgeOutcome(rs.getString(1), rs.getLong(2), rs.getLong(3),
                        rs.getObject(4, Long.class)), id);
        return jdbc.query("SELECT id, dry_run, state, requested_by, requested_at, as_of, finished_at, phase, failure,"
                        + " (SELECT count(DISTINCT digest) FROM purge_run_erased WHERE purge_run_id = r.id)"
                        + " FROM purge_run r WHERE id = ?",
                (rs, row) -> new PurgeRunStatus(rs.getObject(1, UUID.class), rs.getBoolean(2), rs.getString(3),
                        rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(), rs.getString(8),
                        rs.getString(9), counts, rs.getLong(10), logs), id).stream().findFirst();
    }

    /** For the files whose entry of the code with {@code digest} run {@code id} erased something of: whether whole. */
    Map<String, Boolean> erasedBy(UUID id, byte[] digest) {
        Map<String, Boolean> files = new LinkedHashMap<>();
        jdbc.query("SELECT file, whole_entry FROM purge_run_erased WHERE purge_run_id = ? AND digest = ? ORDER BY file",
                rs -> {
                    files.put(rs.getString(1), rs.getBoolean(2));
                }, id, digest);
        return files;
    }

    private static String interval(Duration duration) {
        return duration.toMillis() + " milliseconds";
    }
}
