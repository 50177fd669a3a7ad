package org.residentregistry.api.provision;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
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
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The group-commit writer of the provision log (and of the operation log's rows): one thread forms groups of
 * whatever appends are waiting, and each group, in a transaction of its own, chains its provision-log entries in
 * order, inserts them, their resident rows and the new head in one statement and its operation-log rows in a JDBC
 * batch, and commits once with {@code synchronous_commit} on; then its waiting requests are released. A request's
 * entry is durable before its answer; if the commit fails, every request of the group fails (no answer without its
 * record).
 * <p>
 * Every transaction locks the chain's head row first, so the writers of several nodes append one after the other and
 * the chain stays one total order. Two groups are written at once: the second's lock request waits in the database
 * while the first commits and is granted the moment that commit is durable, rather than a round trip and a thread
 * hand-off later; each holds a connection of the pool. The chain is sealed with a checkpoint every
 * {@code checkpointEvery} entries or {@code checkpointInterval}, whichever comes first, also when idle.
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
    /** Groups written at once: one committing, the next waiting for the head's lock (more would only queue). */
    private static final int WRITERS = 2;
    private static final String UPDATE_HEAD = "UPDATE provision_log_head SET seq = ?, hash = ?, checkpoint_seq = ?,"
            + " checkpoint_at = ?";
    /**
     * A group's entries, their resident rows and the new head in one statement: each column an array, unnested (a
     * round trip less per table, and the head's lock is held for fewer). An entry's resident codes travel as one
     * comma-separated text (codes are digits), times as ISO-8601 instants.
     */
    private static final String INSERT_ENTRIES = """
            WITH entry AS (
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
            ), resident AS (
                INSERT INTO provision_log_resident (resident_code, seq, position)
                SELECT * FROM unnest(?::bpchar[], ?::bigint[], ?::int[])
            )
            """ + UPDATE_HEAD;
    /** The text columns of {@link #INSERT_ENTRIES}, from id to resident codes. */
    private static final int TEXT_COLUMNS = 12;

    /** What waits for the writer, since {@code queuedAt} ({@link System#nanoTime()}). */
    private interface Pending {
        long queuedAt();
    }

    /** Provision-log entries, released once committed with their seqs. */
    private record Chained(List<ProvisionLogEntry> entries, long queuedAt, CompletableFuture<List<Long>> committed)
            implements Pending {
    }

    /** A row of another append-only log that needs no chain, nobody waits for. */
    private record Unchained(String insert, int[] types, Object[] arguments, long queuedAt) implements Pending {
    }

    private record Head(long seq, byte[] hash, long checkpointSeq, Instant checkpointAt) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final CheckpointKey key;
    private final ProvisionLogSettings settings;
    private final Clock clock;
    private final GroupCommitMetrics metrics;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** A group is formed only when a writer is free to take it, so that it takes everything waiting by then. */
    private final Semaphore freeWriters = new Semaphore(WRITERS);
    private volatile boolean running;
    private Thread former;
    private ExecutorService writers;

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
     * Queues a row of an append-only log that is not chained (the operation log): written with the next group that
     * has provision-log entries, or alone after {@link #UNCHAINED_DELAY}.
     */
    public void appendUnchained(String insert, int[] types, Object... arguments) {
        queue.add(new Unchained(insert, types, arguments, System.nanoTime()));
    }

    /** Forms the groups and hands each to a free writer. */
    private void run() {
        long nextSealCheck = System.nanoTime() + settings.checkpointInterval().toNanos();
        while (running || !queue.isEmpty()) {
            List<Pending> group = new ArrayList<>();
            boolean handedOver = false;
            try {
                freeWriters.acquire();
                Pending first = queue.poll(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    group.add(first);
                    queue.drainTo(group, settings.maxBatch() - 1);
                    awaitChained(group);
                }
                // The head is taken for entries, and once a checkpoint interval for a seal that may be due: also
                // while only operation-log rows come, which leave it alone otherwise.
                boolean sealCheck = System.nanoTime() - nextSealCheck >= 0;
                boolean chained = group.stream().anyMatch(Chained.class::isInstance);
                if (chained || sealCheck) {
                    nextSealCheck = System.nanoTime() + settings.checkpointInterval().toNanos();
                }
                if (!group.isEmpty() || sealCheck) {
                    boolean takeHead = chained || sealCheck;
                    writers.execute(() -> {
                        try {
                            writeIsolatingFailures(group, takeHead);
                        } finally {
                            freeWriters.release();
                        }
                    });
                    handedOver = true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RejectedExecutionException e) {
                // The writers stopped before this group could be handed over (a stop that timed out waiting).
                fail(group, new DataAccessResourceFailureException("The provision log's writer stopped", e));
                return;
            } finally {
                if (!handedOver) {
                    freeWriters.release();
                }
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
     * value it cannot take), each half of it in order, and so on down to the refused append alone, so that only that
     * append's request fails, not the others of its group. Halves rather than one append after another: one refused
     * row among a thousand costs about twenty transactions, not a thousand, which could outlast the requests' wait
     * and answer them "not applied" while their entries commit. Any other failure fails the whole group at once: a
     * database that is down or slow would fail each part as well, one pool timeout after another.
     */
    private void writeIsolatingFailures(List<Pending> group, boolean takeHead) {
        try {
            write(group, takeHead);
        } catch (RuntimeException e) {
            if (group.size() <= 1 || !(e instanceof DataIntegrityViolationException)) {
                fail(group, e);
                return;
            }
            int half = group.size() / 2;
            for (List<Pending> part : List.of(group.subList(0, half), group.subList(half, group.size()))) {
                writeIsolatingFailures(part, part.stream().anyMatch(Chained.class::isInstance));
            }
        }
    }

    /** Writes the group in one transaction; with {@code takeHead}, its entries are chained and a due seal made. */
    private void write(List<Pending> group, boolean takeHead) {
        long start = System.nanoTime();
        List<Chained> chained = new ArrayList<>();
        Map<String, List<Unchained>> unchained = new LinkedHashMap<>();
        for (Pending pending : group) {
            if (pending instanceof Chained c) {
                chained.add(c);
                metrics.waited(start - c.queuedAt());
            } else if (pending instanceof Unchained u) {
                unchained.computeIfAbsent(u.insert(), sql -> new ArrayList<>()).add(u);
            }
        }
        long[] committing = new long[1];
        List<List<Long>> seqs = transactions.execute(status -> {
            List<List<Long>> assigned = List.of();
            if (takeHead) {
                Head head = lockHead();
                long inserting = System.nanoTime();
                metrics.locked(inserting - start);
                assigned = appendChained(head, chained);
                unchained.forEach(this::insertUnchained);
                committing[0] = System.nanoTime();
                metrics.inserted(committing[0] - inserting);
            } else {
                jdbc.execute("SET LOCAL synchronous_commit = on");
                unchained.forEach(this::insertUnchained);
                committing[0] = System.nanoTime();
            }
            return assigned;
        });
        metrics.committed(System.nanoTime() - committing[0], seqs.stream().mapToInt(List::size).sum(),
                group.size() - chained.size());
        for (int i = 0; i < chained.size(); i++) {
            chained.get(i).committed().complete(seqs.get(i));
        }
    }

    /**
     * Locks the chain's head row, first in every writer's transaction on every node: one total order. Sets
     * {@code synchronous_commit} for the transaction in the same round trip (durable before the answer, whatever the
     * server's default).
     */
    private Head lockHead() {
        return jdbc.queryForObject("SELECT seq, hash, checkpoint_seq, checkpoint_at,"
                        + " set_config('synchronous_commit', 'on', true) FROM provision_log_head FOR UPDATE",
                (rs, row) -> new Head(rs.getLong(1), rs.getBytes(2), rs.getLong(3), rs.getTimestamp(4).toInstant()));
    }

    private void insertUnchained(String insert, List<Unchained> rows) {
        jdbc.batchUpdate(insert, rows.stream().map(Unchained::arguments).toList(), rows.get(0).types());
    }

    private List<List<Long>> appendChained(Head head, List<Chained> chained) {
        long seq = head.seq();
        byte[] hash = head.hash();
        List<ProvisionLogEntry> entries = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        List<List<Long>> assigned = new ArrayList<>();
        for (Chained request : chained) {
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
        Instant now = ProvisionLogChain.storedPrecision(clock.instant());
        boolean seal = seq > head.checkpointSeq() && (seq - head.checkpointSeq() >= settings.checkpointEvery()
                || !now.isBefore(head.checkpointAt().plus(settings.checkpointInterval())));
        if (seal) {
            jdbc.update("INSERT INTO provision_log_checkpoint (seq, chain_hash, at, previous_seq, mac) VALUES (?, ?, ?, ?, ?)",
                    seq, hash, Timestamp.from(now), head.checkpointSeq(),
                    ProvisionLogChain.checkpointMac(key, seq, hash, now, head.checkpointSeq()));
        }
        long checkpointSeq = seal ? seq : head.checkpointSeq();
        Instant checkpointAt = seal ? now : head.checkpointAt();
        if (!entries.isEmpty()) {
            insert(entries, hashes, seq, hash, checkpointSeq, checkpointAt);
        } else if (seal) {
            jdbc.update(UPDATE_HEAD, seq, hash, checkpointSeq, Timestamp.from(checkpointAt));
        }
        return assigned;
    }

    /** The entries, their resident rows and the new head: one statement, one round trip under the head's lock. */
    private void insert(List<ProvisionLogEntry> entries, List<byte[]> hashes, long seq, byte[] hash, long checkpointSeq,
                        Instant checkpointAt) {
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
        jdbc.update(INSERT_ENTRIES, ps -> {
            Connection connection = ps.getConnection();
            int parameter = 1;
            ps.setArray(parameter++, connection.createArrayOf("int8", seqs));
            for (String[] column : texts) {
                ps.setArray(parameter++, connection.createArrayOf("text", column));
            }
            ps.setArray(parameter++, connection.createArrayOf("bool", individualNumbers));
            ps.setArray(parameter++, connection.createArrayOf("bytea", hashes.toArray(new byte[0][])));
            ps.setArray(parameter++, connection.createArrayOf("text", residentCodes.toArray(new String[0])));
            ps.setArray(parameter++, connection.createArrayOf("int8", residentSeqs.toArray(new Long[0])));
            ps.setArray(parameter++, connection.createArrayOf("int4", positions.toArray(new Integer[0])));
            ps.setLong(parameter++, seq);
            ps.setBytes(parameter++, hash);
            ps.setLong(parameter++, checkpointSeq);
            ps.setTimestamp(parameter, Timestamp.from(checkpointAt));
        });
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
        writers = Executors.newFixedThreadPool(WRITERS, new CustomizableThreadFactory("provision-log-writer-"));
        former = new Thread(this::run, "provision-log-groups");
        former.start();
    }

    /** Stops once what is queued is written: after the web server, whose last requests still log. */
    @Override
    public void stop() {
        running = false;
        try {
            former.join(COMMIT_TIMEOUT.toMillis());
            writers.shutdown();
            writers.awaitTermination(COMMIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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
