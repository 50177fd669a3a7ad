package org.residentregistry.projections.relay;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.residentregistry.core.relay.RelayDestination;
import org.residentregistry.core.relay.RelayedChange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay's side of the outbox: which changes are ready, what became of them, and which node delivers which
 * partition of persons. Every time is the database's, so that the nodes' clocks need not agree.
 */
public class RelayOutbox {

    /** A partition of persons and who delivers its changes; {@code live} while the lease has not expired. */
    public record Lease(int partition, String owner, boolean live) {
    }

    /** What to do with a change that was sent: delete it, try it again after a delay, or park it. */
    public sealed interface Settlement {
        long id();
    }

    public record Delivered(long id) implements Settlement {
    }

    public record Retry(long id, String reason) implements Settlement {
    }

    public record Park(long id, String reason) implements Settlement {
    }

    /** The undelivered changes of one destination: waiting (or backing off) and parked. */
    public record DestinationStatus(RelayDestination destination, long pending, long parked, Instant oldestRecordedAt) {
    }

    /** A parked change, described by its notification and never by the person. */
    public record ParkedChange(long id, RelayDestination destination, String municipalityCode, long updateSequence,
                               int version, int attempts, String reason, Instant recordedAt, Instant parkedAt) {
    }

    /**
     * How long a change that failed waits: {@code initial} after the first failure, doubling up to {@code max},
     * each wait drawn between half and all of that, so that changes failed together do not return together.
     */
    public record Backoff(Duration initial, Duration max) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Backoff backoff;

    public RelayOutbox(JdbcTemplate jdbc, TransactionTemplate transactions, Backoff backoff) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.backoff = backoff;
    }

    /** Says that {@code node} relays, for {@code ttl}, and answers how many nodes relay now, itself included. */
    public int heartbeat(String node, Duration ttl) {
        jdbc.update("INSERT INTO relay_node (node_id, seen_until) VALUES (?, now() + ?::interval)"
                + " ON CONFLICT (node_id) DO UPDATE SET seen_until = EXCLUDED.seen_until", node, interval(ttl));
        return jdbc.queryForObject("SELECT count(*) FROM relay_node WHERE seen_until > now()", Integer.class);
    }

    /** Forgets {@code node} and frees its partitions: it stopped relaying. */
    public void leave(String node) {
        jdbc.update("DELETE FROM relay_node WHERE node_id = ?", node);
        jdbc.update("UPDATE relay_lease SET owner = NULL, lease_until = '-infinity' WHERE owner = ?", node);
    }

    public List<Lease> leases(RelayDestination destination) {
        return jdbc.query("SELECT partition, owner, lease_until > now() FROM relay_lease WHERE destination = ? ORDER BY partition",
                (rs, n) -> new Lease(rs.getInt(1), rs.getString(2), rs.getBoolean(3)), destination.name());
    }

    /**
     * Takes or renews the leases of {@code partitions}, those that {@code node} holds or nobody does, in one
     * statement; answers the partitions it holds now.
     */
    public List<Integer> claim(RelayDestination destination, List<Integer> partitions, String node, Duration ttl) {
        return jdbc.queryForList("UPDATE relay_lease SET owner = ?, lease_until = now() + ?::interval"
                + " WHERE destination = ? AND partition = ANY(?) AND (owner = ? OR owner IS NULL OR lease_until <= now())"
                + " RETURNING partition", Integer.class,
                node, interval(ttl), destination.name(), partitions.toArray(Integer[]::new), node);
    }

    public void release(RelayDestination destination, List<Integer> partitions, String node) {
        jdbc.update("UPDATE relay_lease SET owner = NULL, lease_until = '-infinity'"
                + " WHERE destination = ? AND partition = ANY(?) AND owner = ?",
                destination.name(), partitions.toArray(Integer[]::new), node);
    }

    /**
     * Up to {@code limit} changes of a partition that may be sent now, oldest first: each the first undelivered
     * change of its person (so at most one per person), neither parked nor backing off. A person whose first
     * change is parked or backing off has none ready: its later changes wait, in order. Each is made from its event,
     * found by its identifier (the idempotency key) through the event store's unique index.
     */
    public List<RelayedChange> ready(RelayDestination destination, int partition, int limit) {
        return jdbc.query("SELECT o.id, o.idempotency_key, d.payload_type, d.payload_revision, d.payload"
                        + " FROM relay_outbox o JOIN domain_event_entry d ON d.event_identifier = o.idempotency_key"
                        + " WHERE o.destination = ? AND o.partition = ? AND o.state = 'PENDING' AND o.next_attempt_at <= now()"
                        + " AND NOT EXISTS (SELECT 1 FROM relay_outbox e"
                        + "   WHERE e.destination = o.destination AND e.person = o.person AND e.id < o.id)"
                        + " ORDER BY o.id LIMIT ?",
                (rs, n) -> RelayedChanges.of(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBytes(5)),
                destination.name(), partition, limit);
    }

    /**
     * Applies what became of sent changes, in one transaction, if {@code node} still holds the partition's lease
     * (which the transaction locks, so that it cannot pass to another node halfway). Answers whether it did: a
     * node that lost its lease leaves the changes to the node that took it, which sends them again.
     */
    public boolean settle(RelayDestination destination, int partition, String node, List<Settlement> settlements) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            List<Integer> held = jdbc.queryForList("SELECT 1 FROM relay_lease WHERE destination = ? AND partition = ?"
                    + " AND owner = ? AND lease_until > now() FOR UPDATE", Integer.class, destination.name(), partition, node);
            if (held.isEmpty()) {
                return false;
            }
            List<Delivered> delivered = only(settlements, Delivered.class);
            jdbc.update("DELETE FROM relay_outbox WHERE id = ANY(?)",
                    (Object) delivered.stream().map(Delivered::id).toArray(Long[]::new));
            List<Retry> retries = only(settlements, Retry.class);
            jdbc.batchUpdate("UPDATE relay_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = now()"
                    + " + least(?::interval * power(2, least(attempts, 30)), ?::interval) * (0.5 + random() / 2) WHERE id = ?",
                    retries, retries.size(), (ps, r) -> {
                        ps.setString(1, r.reason());
                        ps.setString(2, interval(backoff.initial()));
                        ps.setString(3, interval(backoff.max()));
                        ps.setLong(4, r.id());
                    });
            List<Park> parks = only(settlements, Park.class);
            jdbc.batchUpdate("UPDATE relay_outbox SET attempts = attempts + 1, state = 'PARKED', parked_at = now(),"
                    + " last_error = ? WHERE id = ?", parks, parks.size(), (ps, p) -> {
                        ps.setString(1, p.reason());
                        ps.setLong(2, p.id());
                    });
            return true;
        }));
    }

    /**
     * Each destination's undelivered and parked changes, and when the oldest was recorded, from indexes rather than the
     * rows (read whole by a count): the undelivered counted in the partitions' index, the parked in
     * their partial index, the oldest taken among each partition's first change in the relay's order (by id). A change's
     * time is its node's clock when the batch's changes are written, its id taken at the insert that follows, so between
     * concurrent batches the first by id may be younger than an older one by that interval and by the nodes' clock
     * difference: the age shown errs on the young side, by far less than an age worth a warning.
     */
    public List<DestinationStatus> status() {
        return jdbc.query("SELECT d.destination, u.undelivered - p.parked, p.parked, f.oldest"
                        + " FROM (SELECT DISTINCT destination FROM relay_lease) d"
                        + " CROSS JOIN LATERAL (SELECT count(*) AS undelivered FROM relay_outbox o"
                        + "   WHERE o.destination = d.destination) u"
                        + " CROSS JOIN LATERAL (SELECT count(*) AS parked FROM relay_outbox o"
                        + "   WHERE o.destination = d.destination AND o.state = 'PARKED') p"
                        + " CROSS JOIN LATERAL (SELECT min(e.recorded_at) AS oldest FROM relay_lease l"
                        + "   CROSS JOIN LATERAL (SELECT o.recorded_at FROM relay_outbox o WHERE o.destination = l.destination"
                        + "     AND o.partition = l.partition ORDER BY o.id LIMIT 1) e"
                        + "   WHERE l.destination = d.destination) f"
                        + " ORDER BY d.destination",
                (rs, n) -> new DestinationStatus(RelayDestination.valueOf(rs.getString(1)), rs.getLong(2), rs.getLong(3),
                        instant(rs.getTimestamp(4))));
    }

    /** The parked changes, oldest first, at most {@code limit}. */
    public List<ParkedChange> parked(int limit) {
        return jdbc.query("SELECT id, destination, municipality_code, update_sequence, version, attempts, last_error,"
                        + " recorded_at, parked_at FROM relay_outbox WHERE state = 'PARKED' ORDER BY id LIMIT ?",
                (rs, n) -> new ParkedChange(rs.getLong(1), RelayDestination.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getLong(4), rs.getInt(5), rs.getInt(6), rs.getString(7), instant(rs.getTimestamp(8)),
                        instant(rs.getTimestamp(9))),
                limit);
    }

    /** Makes a parked change ready again, as if new; answers whether {@code id} was parked. */
    public Optional<Long> retryParked(long id) {
        int updated = jdbc.update("UPDATE relay_outbox SET state = 'PENDING', attempts = 0, next_attempt_at = now(),"
                + " parked_at = NULL WHERE id = ? AND state = 'PARKED'", id);
        return updated == 1 ? Optional.of(id) : Optional.empty();
    }

    private static <T extends Settlement> List<T> only(List<Settlement> settlements, Class<T> kind) {
        return settlements.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static String interval(Duration duration) {
        return duration.toMillis() + " milliseconds";
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
