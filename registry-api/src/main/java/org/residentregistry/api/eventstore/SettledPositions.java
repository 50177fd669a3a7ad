package org.residentregistry.api.eventstore;

import java.util.ArrayDeque;
import java.util.Deque;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells up to which global index every position of the event store is settled: taken by a committed event
 * or lost for good with a rolled-back transaction.
 *
 * <p>Each appending transaction takes a transaction id before its position (the insert trigger of
 * domain_event_entry does both, in that order). An observation reads the sequence's last value L, then takes
 * a transaction id X of its own: every position up to L belongs to a transaction whose id is below X. Once
 * the oldest running transaction is younger than X, all of those have ended, and positions up to L are
 * settled. That rests on PostgreSQL's own bookkeeping, not on clocks, so a transaction may stay open for any
 * time without its events being skipped. (A snapshot's xmax cannot serve as X: it is the last completed id
 * plus one, and a running transaction may hold an id at or above it.)
 */
class SettledPositions {

    private record Observation(long lastPosition, long transactionId) {
    }

    private static final int MAX_PENDING = 1_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final String sequence;
    private final Deque<Observation> pending = new ArrayDeque<>();
    private long settled;

    SettledPositions(JdbcTemplate jdbc, TransactionTemplate transactions, String sequence) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.sequence = sequence;
    }

    /** Observes the store again and answers the highest position up to which everything is settled. */
    synchronized long settledUpTo() {
        Observation observation = transactions.execute(status -> {
            // The observation's id is never waited for: its commit need not reach the disk.
            jdbc.execute("SET LOCAL synchronous_commit = off");
            Long last = jdbc.queryForObject(
                    "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM " + sequence, Long.class);
            Long id = jdbc.queryForObject("SELECT pg_current_xact_id()::text::bigint", Long.class);
            return new Observation(last == null ? 0 : last, id == null ? 0 : id);
        });
        if (pending.size() >= MAX_PENDING) {
            // Observations only grow, so a newer one can stand in for the newest kept: it just settles later.
            pending.pollLast();
        }
        pending.addLast(observation);
        Long oldestRunning = jdbc.queryForObject(
                "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint", Long.class);
        while (!pending.isEmpty() && oldestRunning != null && pending.peekFirst().transactionId() < oldestRunning) {
            settled = Math.max(settled, pending.pollFirst().lastPosition());
        }
        return settled;
    }
}
