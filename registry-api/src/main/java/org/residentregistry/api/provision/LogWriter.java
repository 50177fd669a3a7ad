package org.residentregistry.api.provision;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.residentregistry.projections.provision.CheckpointKey;
import org.residentregistry.projections.provision.ProvisionLogChain;
import org.residentregistry.projections.provision.ProvisionLogEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The group-commit writer of the provision log (and of the operation log's rows): one thread per node forms a group of
 * whatever appends are waiting, chains its provision-log entries on the head it last wrote, and sends the group as
 * one statement committed on its own with {@code synchronous_commit} on: it locks the chain's head and, if the head is
 * where the group was chained, moves it to the group's last entry and inserts the entries, their resident rows, a due
 * checkpoint and the operation-log rows. Then the group's requests are released and the next group, which took
 * everything that came meanwhile, is written. A request's entry is durable before its answer; if the commit fails,
 * every request of the group fails (no answer without its record).
 * <p>
 * The head row is the lock that keeps one total order across the writers of every node. A group that finds the head
 * elsewhere (another node appended) changes nothing and is chained again in a transaction that locks the head before
 * reading it; for a while after that, every group takes that way (another node is writing), then the head is read
 * again and groups are chained ahead of it. The chain is sealed with a checkpoint every {@code checkpointEvery} entries
 * or {@code checkpointInterval}, whichever comes first, also when idle.
 */
@Component
public class LogWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LogWriter.class);
    /** How long a request waits for its group's commit before it fails: a database that does not answer. */
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);
    /** How often an idle writer looks whether it is stopped. */
    private static final Duration IDLE_POLL = Duration.ofMillis(200);
    /**
     * How long operation-log rows wait for a provision-log entry to be committed with: under load every group has
     * one, so they cost no commit of their own; without queries they are committed this much later, which is all a
     * crash can lose of them.
     */
    private static final Duration UNCHAINED_DELAY = Duration.ofMillis(20);
    /**
     * How long groups take the head's lock after one found it moved by another writer: while two nodes append, a
     * group chained ahead of the head would mostly be written twice.
     */
    private static final Duration CONTENDED = Duration.ofSeconds(1);
    /** Makes the statement's own transaction durable at its commit, whatever the server's default. */
    private static final String DURABLE = "(SELECT set_config('synchronous_commit', 'on', true)) AS durable";
    private static final String OPERATION_ROWS = "SELECT at::timestamptz, account_id, role, method, route, operation,"
            + " status, provision_id::uuid FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::int[], ?::text[]) AS o (at, account_id, role, method, route, operation, status, provision_id)";
    private static final String INSERT_OPERATION_ROWS = "INSERT INTO operation_log (at, account_id, role, method,"
            + " route, operation, status, provision_id) ";
    /**
     * A group in one statement: the head locked, and if it is where the group was chained, moved to the group's last
     * entry, and then the entries, their resident rows, the checkpoint (none or one) and the operation-log rows. The
     * head is compared once locked, not in the update's own condition: a statement that began while another node's
     * writer was committing sees that commit's head only through the lock (the update's condition is checked on the
     * older head of its snapshot). Each column an array, unnested; an entry's resident codes travel as one
     * comma-separated text (codes are digits), times as ISO-8601 instants. Answers 1 if written, 0 if the head was
     * elsewhere.
     */
    private static final String APPEND = """
            WITH locked AS (
                SELECT seq = ? AND hash = ? AS expected FROM provision_log_head, %s FOR UPDATE OF provision_log_head
            ), head AS (
                UPDATE provision_log_head SET seq = ?, hash = ?, checkpoint_seq = ?, checkpoint_at = ?
                WHERE (SELECT expected FROM locked)
                RETURNING seq
            ), entry AS (
                INSERT INTO provision_log (seq, id, at, operator_id, department_id, terminal_id, affair_code,
                                           legal_basis, query_kind, criteria, outcome, refusal_reason, resident_codes,
                                           individual_number_included, hash)
                SELECT seq, id::uuid, at::timestamptz, operator_id, department_id, terminal_id, affair_code,
                       legal_basis, query_kind, criteria::json, outcome, refusal_reason,
                       string_to_array(resident_codes, ',')::bpchar[], individual_number_included, hash
                FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                            ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::bytea[])
                     AS e (seq, id, at, operator_id, department_id, terminal_id, affair_code, legal_basis, query_kind,
                           criteria, outcome, refusal_reason, resident_codes, individual_number_included, hash)
                WHERE EXISTS (SELECT FROM head)
            ), resident AS (
                INSERT INTO provision_log_resident (resident_code, seq, position)
                SELECT * FROM unnest(?::bpchar[], ?::bigint[], ?::int[]) WHERE EXISTS (SELECT FROM head)
            ), checkpoint AS (
                INSERT INTO provision_log_checkpoint (seq, chain_hash, at, previous_seq, mac)
                SELECT seq, chain_hash, at::timestamptz, previous_seq, mac
                FROM unnest(?::bigint[], ?::bytea[], ?::text[], ?::bigint[], ?::bytea[])
                     AS c (seq, chain_hash, at, previous_seq, mac)
                WHERE EXISTS (SELECT FROM head)
            ), operation AS (
                %s %s WHERE EXISTS (SELECT FROM head)
            )
            SELECT count(*) FROM head
            """.formatted(DURABLE, INSERT_OPERATION_ROWS, OPERATION_ROWS);
    /** Operation-log rows alone, committed durably in one statement. */
    private static final String APPEND_OPERATION_ROWS = INSERT_OPERATION_ROWS + "SELECT o.* FROM (" + OPERATION_ROWS
            + ") AS o, " + DURABLE;
    private static final String READ_HEAD = "SELECT seq, hash, checkpoint_seq, checkpoint_at FROM provision_log_head";
    /** The text columns of an entry in {@link #APPEND}, from id to resident codes. */
    private static final int TEXT_COLUMNS = 12;

    /**
     * A row of the operation log — 操作履歴 — as the writer commits it, with the next group that has provision-log
     * entries.
     */
    public record OperationRow(Instant at, String accountId, String role, String method, String route,
                               String operation, int status, UUID provisionId) {
    }

    /** What waits for the writer, since {@code queuedAt} ({@link System#nanoTime()}). */
    private interface Pending {
        long queuedAt();
    }

    /** Provision-log entries, released once committed with their seqs. */
    private record Chained(List<ProvisionLogEntry> entries, long queuedAt, CompletableFuture<List<Long>> committed)
            implements Pending {
    }

    /** An operation-log row, which needs no chain and nobody waits for. */
    private record Unchained(OperationRow row, long queuedAt) implements Pending {
    }

    private record Head(long seq, byte[] hash, long checkpointSeq, Instant checkpointAt) {
    }

    /** A checkpoint sealing the chain at {@code seq}. */
    private record Checkpoint(long seq, byte[] chainHash, Instant at, long previousSeq, byte[] mac) {
    }

    /**
     * A group's entries chained on the head {@code from}, with their hashes and a checkpoint if one is due: what the
     * group's statement writes, and the head it leaves ({@code to}). {@code seqs} are each request's.
     */
    private record Chain(Head from, Head to, List<ProvisionLogEntry> entries, List<byte[]> hashes,
                         List<List<Long>> seqs, Optional<Checkpoint> checkpoint) {

        boolean movesHead() {
            return !entries.isEmpty() || checkpoint.isPresent();
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final CheckpointKey key;
    private final ProvisionLogSettings settings;
    private final Clock clock;
    private final GroupCommitMetrics metrics;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** The head as this node's last group left it, the next group is chained on; null: to be read. Writer's own. */
    private Head tip;
    /** Until when ({@link System#nanoTime()}) groups take the head's lock: another node's writer was seen. */
    private long contendedUntil = System.nanoTime();
    private volatile boolean running;
    private Thread writer;

    LogWriter(JdbcTemplate jdbc, TransactionTemplate transactions, CheckpointKey key, ProvisionLogSettings settings,
              Clock clock, GroupCommitMetrics metrics) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.key = key;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Appends entries to the chain, in this order and next to each other, and returns their seqs once committed.
     * The entries' own seqs are ignored.
     *
     * @throws DataAccessException if the commit failed or did not come in time: nothing is logged, answer nothing
     */
    public List<Long> append(List<ProvisionLogEntry> entries) {
        if (!running) {
            throw new DataAccessResourceFailureException("The provision log's writer is not running");
        }
        Chained chained = new Chained(List.copyOf(entries), System.nanoTime(), new CompletableFuture<>());
        queue.add(chained);
        try {
            List<Long> seqs = chained.committed().get(COMMIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            metrics.appended(chained.queuedAt());
            return seqs;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof DataAccessException access ? access
                    : new DataAccessResourceFailureException("The provision log could not be written", e.getCause());
        } catch (TimeoutException e) {
            throw new DataAccessResourceFailureException("The provision log's commit did not come in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessResourceFailureException("Interrupted while the provision log was written", e);
        }
    }

    /**
     * Queues a row of the operation log, which nobody waits for: written with the next group that has
     * provision-log entries, or alone after {@link #UNCHAINED_DELAY}.
     */
    public void appendUnchained(OperationRow row) {
        queue.add(new Unchained(row, System.nanoTime()));
    }

    /** Forms the groups and writes each, one after the other. */
    private void run() {
        long nextSealCheck = System.nanoTime() + settings.checkpointInterval().toNanos();
        while (running || !queue.isEmpty()) {
            List<Pending> group = new ArrayList<>();
            try {
                Pending first = queue.poll(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    group.add(first);
                    queue.drainTo(group, settings.maxBatch() - 1);
                    awaitChained(group);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(group, new DataAccessResourceFailureException("The provision log's writer was interrupted", e));
                return;
            }
            // The head is taken for entries, and once a checkpoint interval for a seal that may be due: also while
            // only operation-log rows come, which leave it alone otherwise.
            boolean sealCheck = System.nanoTime() - nextSealCheck >= 0;
            boolean chained = group.stream().anyMatch(Chained.class::isInstance);
            if (chained || sealCheck) {
                nextSealCheck = System.nanoTime() + settings.checkpointInterval().toNanos();
            }
            if (!group.isEmpty() || sealCheck) {
                writeIsolatingFailures(group, chained || sealCheck, false);
            }
        }
    }

    /**
     * Adds to a group of operation-log rows alone what comes until a provision-log entry does, at most until
     * {@link #UNCHAINED_DELAY} after the first row was queued (not at shutdown: the queue is drained at once).
     */
    private void awaitChained(List<Pending> group) throws InterruptedException {
        long deadline = group.get(0).queuedAt() + UNCHAINED_DELAY.toNanos();
        int checked = 0;
        while (running && group.size() < settings.maxBatch()) {
            for (; checked < group.size(); checked++) {
                if (group.get(checked) instanceof Chained) {
                    return;
                }
            }
            Pending next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            group.add(next);
            queue.drainTo(group, settings.maxBatch() - group.size());
        }
    }

    /**
     * Writes the group; if the database refused a row of it (an entry id already logged, a resumed bulk job's; a
     * value it cannot take), each half of it in order, under the head's lock, and so on down to the refused append
     * alone, so that only that append's request fails, not the others of its group. Halves rather than one append after
     * another: one refused row among a thousand costs about twenty transactions, not a thousand, which could outlast
     * the requests' wait and answer them "not applied" while their entries commit. Any other failure fails the whole
     * group at once: a database that is down or slow would fail each part as well, one pool timeout after another.
     */
    private void writeIsolatingFailures(List<Pending> group, boolean takeHead, boolean underLock) {
        try {
            write(group, takeHead, underLock);
        } catch (RuntimeException e) {
            tip = null;
            if (group.size() <= 1 || !(e instanceof DataIntegrityViolationException)) {
                fail(group, e);
                return;
            }
            int half = group.size() / 2;
            for (List<Pending> part : List.of(group.subList(0, half), group.subList(half, group.size()))) {
                writeIsolatingFailures(part, part.stream().anyMatch(Chained.class::isInstance), true);
            }
        }
    }

    /**
     * Writes the group: chained on the tip in one statement, or, if that finds the head elsewhere, while another node
     * is writing, or {@code underLock}, chained on the head once locked; without {@code takeHead}, its operation-log
     * rows alone.
     */
    private void write(List<Pending> group, boolean takeHead, boolean underLock) {
        long start = System.nanoTime();
        List<Chained> chained = new ArrayList<>();
        List<OperationRow> rows = new ArrayList<>();
        for (Pending pending : group) {
            if (pending instanceof Chained c) {
                chained.add(c);
                metrics.waited(start - c.queuedAt());
            } else if (pending instanceof Unchained u) {
                rows.add(u.row());
            }
        }
        List<List<Long>> seqs = List.of();
        if (!takeHead) {
            jdbc.update(APPEND_OPERATION_ROWS, ps -> bindOperationRows(ps, 1, rows));
        } else if (!underLock && start - contendedUntil >= 0) {
            seqs = appendAhead(group, rows).orElseGet(() -> appendUnderLock(group, rows)).seqs();
        } else {
            seqs = appendUnderLock(group, rows).seqs();
        }
        metrics.written(System.nanoTime() - start, chained.stream().mapToInt(c -> c.entries().size()).sum(),
                rows.size());
        for (int i = 0; i < chained.size(); i++) {
            chained.get(i).committed().complete(seqs.get(i));
        }
    }
    /**
     * The group chained on the tip (read first if unknown), written if the head is there; if not (another node
     * appended), nothing is, and groups take the head's lock for a while.
     */
    private Optional<Chain> appendAhead(List<Pending> group, List<OperationRow> rows) {
        if (tip == null) {
            tip = jdbc.queryForObject(READ_HEAD, LogWriter::head);
        }
        Chain chain = chain(tip, group);
        if (append(chain, rows)) {
            tip = chain.to();
            return Optional.of(chain);
        }
        tip = null;
        contendedUntil = System.nanoTime() + CONTENDED.toNanos();
        metrics.conflicted();
        return Optional.empty();
    }

    /** The group chained on the head once locked, in a transaction of its own; the tip is read again afterwards. */
    private Chain appendUnderLock(List<Pending> group, List<OperationRow> rows) {
        tip = null;
        metrics.writtenUnderLock();
        return transactions.execute(status -> {
            // APPEND makes the transaction durable, as it is the transaction's only write.
            Chain chain = chain(jdbc.queryForObject(READ_HEAD + " FOR UPDATE", LogWriter::head), group);
            if (!append(chain, rows)) {
                throw new IllegalStateException("The provision log's head moved while it was locked");
            }
            return chain;
        });
    }

    private static Head head(ResultSet rs, int row) throws SQLException {
        return new Head(rs.getLong(1), rs.getBytes(2), rs.getLong(3), rs.getTimestamp(4).toInstant());
    }

    /** The group's entries chained on {@code from}, in order, and the checkpoint that seals them if one is due. */
    private Chain chain(Head from, List<Pending> group) {
        long seq = from.seq();
        byte[] hash = from.hash();
        List<ProvisionLogEntry> entries = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        List<List<Long>> assigned = new ArrayList<>();
        for (Pending pending : group) {
            if (pending instanceof Chained request) {
                List<Long> requestSeqs = new ArrayList<>();
                for (ProvisionLogEntry entry : request.entries()) {
                    ProvisionLogEntry placed = entry.withSeq(++seq);
                    hash = ProvisionLogChain.hash(hash, placed);
                    entries.add(placed);
                    hashes.add(hash);
                    requestSeqs.add(seq);
                }
                assigned.add(requestSeqs);
            }
        }
        Instant now = ProvisionLogChain.storedPrecision(clock.instant());
        boolean seal = seq > from.checkpointSeq() && (seq - from.checkpointSeq() >= settings.checkpointEvery()
                || !now.isBefore(from.checkpointAt().plus(settings.checkpointInterval())));
        Optional<Checkpoint> checkpoint = seal ? Optional.of(new Checkpoint(seq, hash, now, from.checkpointSeq(),
                ProvisionLogChain.checkpointMac(key, seq, hash, now, from.checkpointSeq()))) : Optional.empty();
        Head to = seal ? new Head(seq, hash, seq, now) : new Head(seq, hash, from.checkpointSeq(), from.checkpointAt());
        return new Chain(from, to, entries, hashes, assigned, checkpoint);
    }

    /**
     * The chain's statement ({@link #APPEND}), or, if it moves nothing and there are no operation-log rows, nothing
     * at all: whether it was written (the head where the chain began).
     */
    private boolean append(Chain chain, List<OperationRow> rows) {
        if (!chain.movesHead() && rows.isEmpty()) {
            return true;
        }
        List<ProvisionLogEntry> entries = chain.entries();
        int size = entries.size();
        Long[] seqs = new Long[size];
        String[][] texts = new String[TEXT_COLUMNS][size];
        Boolean[] individualNumbers = new Boolean[size];
        List<String> residentCodes = new ArrayList<>();
        List<Long> residentSeqs = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ProvisionLogEntry entry = entries.get(i);
            seqs[i] = entry.seq();
            String[] row = {entry.id().toString(), entry.at().toString(), entry.operatorId(), entry.departmentId(),
                    entry.terminalId(), entry.affairCode(), entry.legalBasis(), entry.queryKind(), entry.criteria(),
                    entry.outcome(), entry.refusalReason(), String.join(",", entry.residentCodes())};
            for (int column = 0; column < TEXT_COLUMNS; column++) {
                texts[column][i] = row[column];
            }
            individualNumbers[i] = entry.individualNumberIncluded();
            for (int position = 0; position < entry.residentCodes().size(); position++) {
                residentCodes.add(entry.residentCodes().get(position));
                residentSeqs.add(entry.seq());
                positions.add(position + 1);
            }
        }
        Optional<Checkpoint> checkpoint = chain.checkpoint();
        Integer written = jdbc.query(APPEND, ps -> {
            Connection connection = ps.getConnection();
            int parameter = 1;
            ps.setLong(parameter++, chain.from().seq());
            ps.setBytes(parameter++, chain.from().hash());
            ps.setLong(parameter++, chain.to().seq());
            ps.setBytes(parameter++, chain.to().hash());
            ps.setLong(parameter++, chain.to().checkpointSeq());
            ps.setTimestamp(parameter++, Timestamp.from(chain.to().checkpointAt()));
            ps.setArray(parameter++, connection.createArrayOf("int8", seqs));
            for (String[] column : texts) {
                ps.setArray(parameter++, connection.createArrayOf("text", column));
            }
            ps.setArray(parameter++, connection.createArrayOf("bool", individualNumbers));
            ps.setArray(parameter++, connection.createArrayOf("bytea", chain.hashes().toArray(new byte[0][])));
            ps.setArray(parameter++, connection.createArrayOf("text", residentCodes.toArray(new String[0])));
            ps.setArray(parameter++, connection.createArrayOf("int8", residentSeqs.toArray(new Long[0])));
            ps.setArray(parameter++, connection.createArrayOf("int4", positions.toArray(new Integer[0])));
            ps.setArray(parameter++, connection.createArrayOf("int8",
                    checkpoint.map(c -> new Long[] {c.seq()}).orElse(new Long[0])));
            ps.setArray(parameter++, connection.createArrayOf("bytea",
                    checkpoint.map(c -> new byte[][] {c.chainHash()}).orElse(new byte[0][])));
            ps.setArray(parameter++, connection.createArrayOf("text",
                    checkpoint.map(c -> new String[] {c.at().toString()}).orElse(new String[0])));
            ps.setArray(parameter++, connection.createArrayOf("int8",
                    checkpoint.map(c -> new Long[] {c.previousSeq()}).orElse(new Long[0])));
            ps.setArray(parameter++, connection.createArrayOf("bytea",
                    checkpoint.map(c -> new byte[][] {c.mac()}).orElse(new byte[0][])));
            bindOperationRows(ps, parameter, rows);
        }, rs -> rs.next() ? rs.getInt(1) : 0);
        return written != null && written == 1;
    }

    private static void bindOperationRows(PreparedStatement ps, int parameter, List<OperationRow> rows)
            throws SQLException {
        int size = rows.size();
        String[][] texts = new String[6][size];
        Integer[] statuses = new Integer[size];
        String[] provisionIds = new String[size];
        for (int i = 0; i < size; i++) {
            OperationRow row = rows.get(i);
            String[] values = {row.at().toString(), row.accountId(), row.role(), row.method(), row.route(),
                    row.operation()};
            for (int column = 0; column < values.length; column++) {
                texts[column][i] = values[column];
            }
            statuses[i] = row.status();
            provisionIds[i] = row.provisionId() == null ? null : row.provisionId().toString();
        }
        Connection connection = ps.getConnection();
        for (String[] column : texts) {
            ps.setArray(parameter++, connection.createArrayOf("text", column));
        }
        ps.setArray(parameter++, connection.createArrayOf("int4", statuses));
        ps.setArray(parameter, connection.createArrayOf("text", provisionIds));
    }

    /** The group's requests fail; the unchained rows are lost, counted by type only (their fields are not logged). */
    private void fail(List<Pending> group, RuntimeException e) {
        long lost = group.stream().filter(Unchained.class::isInstance).count();
        // The SQLState, not the message: a database message can quote values.
        String state = e.getCause() instanceof SQLException sql ? sql.getSQLState() : null;
        log.error("A provision-log group commit failed ({}, SQLState {}); {} request(s) refused, {} operation-log row(s) lost",
                e.getClass().getName(), state, group.size() - lost, lost);
        group.stream().filter(Chained.class::isInstance)
                .forEach(pending -> ((Chained) pending).committed().completeExceptionally(e));
    }

    @Override
    public void start() {
        running = true;
        writer = new Thread(this::run, "provision-log-writer");
        writer.start();
    }

    /** Stops once what is queued is written: after the web server, whose last requests still log. */
    @Override
    public void stop() {
        running = false;
        try {
            writer.join(COMMIT_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // What came after the last group was formed is refused now rather than left waiting for its timeout.
        List<Pending> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) {
            fail(rest, new DataAccessResourceFailureException("The provision log's writer stopped"));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Below the web server's phases (stopped after it, started before it).
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
