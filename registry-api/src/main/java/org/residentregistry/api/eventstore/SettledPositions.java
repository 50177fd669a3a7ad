package org.residentregistry.api.eventstore;

import java.util.ArrayDeque;
import java.util.Deque;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tells up to which global index every position of the event store is settled: taken by a committed event
 * or lost for good with a rolled-back transaction.
 *
 * <p>Each appending transaction takes a transaction id before its position (the insert trigger of
 * domain_event_entry does both, in that order). So if the sequence's last value L is read at an instant and
 * a snapshot taken just after has xmax X, every position up to L belongs to a transaction whose id is below
 * X; once a later snapshot's xmin reaches X, all those transactions have ended and positions up to L are
 * settled. That depends on PostgreSQL's own bookkeeping, not on clocks, so a transaction may stay open for
 * any time without its events being skipped.
 */
class SettledPositions {

    private record Observation(long lastPosition, long xmax) {
    }

    private static final int MAX_PENDING = 1_000;

    private final JdbcTemplate jdbc;
    private final String sequence;
    private final Deque<Observation> pending = new ArrayDeque<>();
    private long settled;

    SettledPositions(JdbcTemplate jdbc, String sequence) {
        this.jdbc = jdbc;
        this.sequence = sequence;
    }

    /** Observes the store again and answers the highest position up to which everything is settled. */
    synchronized long settledUpTo() {
        // Two statements in this order: the sequence first, then a snapshot taken after it.
        Long last = jdbc.queryForObject("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM " + sequence, Long.class);
        long[] snapshot = jdbc.queryForObject(
                "SELECT pg_snapshot_xmin(s)::text::bigint, pg_snapshot_xmax(s)::text::bigint FROM pg_current_snapshot() s",
                (rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)});
        if (pending.size() >= MAX_PENDING) {
            // Observations only grow, so a newer one can stand in for the newest kept: it just settles later.
            pending.pollLast();
        }
        pending.addLast(new Observation(last == null ? 0 : last, snapshot[1]));
        long xmin = snapshot[0];
        while (!pending.isEmpty() && pending.peekFirst().xmax() <= xmin) {
            settled = Math.max(settled, pending.pollFirst().lastPosition());
        }
        return settled;
    }
}
