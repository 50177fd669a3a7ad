package org.residentregistry.api.retention;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;

import org.residentregistry.api.eventstore.AxonConfiguration;
import org.residentregistry.api.retention.PurgeRuns.Claimed;
import org.residentregistry.api.retention.PurgeRuns.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works purge runs through, one batch per transaction: the identity file, the overseas-address file, old bulk
 * queries, then each log's own retention. A node works on a run while it holds the run's lease; the batch locks the
 * run's row and checks the lease first, and commits its erasures with the run's progress, so a run interrupted by a
 * crash is taken over where its last batch ended, with nothing erased or counted twice.
 */
@Component
class PurgeWorker {

    private static final Logger LOG = LoggerFactory.getLogger(PurgeWorker.class);
    private static final int MAX_FAILURES = 5;
    private static final int BULK_QUERIES_PER_BATCH = 20;

    private final PurgeRuns runs;
    private final FileErasure identityFile;
    private final FileErasure overseasFile;
    private final List<LogRetention> logs;
    private final ErasureDigests digests;
    private final RetentionProperties properties;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String node;
    private final AtomicBoolean working = new AtomicBoolean();
    private final ExecutorService kicks = Executors.newSingleThreadExecutor(r -> new Thread(r, "purge-run"));

    PurgeWorker(PurgeRuns runs, List<LogRetention> logs, ErasureDigests digests,
                RetentionProperties properties, TransactionTemplate transactions, JdbcTemplate jdbc, Clock clock,
                @Value("${registry.node-id:}") String configuredNodeId) {
        this.runs = runs;
        this.identityFile = FileErasure.identityFile(jdbc);
        this.overseasFile = FileErasure.overseasFile(jdbc);
        this.logs = logs;
        this.digests = digests;
        this.properties = properties;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.clock = clock;
        this.node = AxonConfiguration.nodeId(configuredNodeId);
    }

    /** The daily run (registry.retention.purge-schedule). Another node's run at the same hour makes this one a no-op. */
    @Scheduled(cron = "${registry.retention.purge-schedule:0 0 3 * * *}", zone = "Asia/Tokyo")
    void scheduled() {
        try {
            runs.start(false, "schedule", clock.instant());
        } catch (PurgeAlreadyRunningException e) {
            return;
        }
        kick();
    }

    /** Starts work on a run at once rather than at the next poll. */
    void kick() {
        if (!working.get()) {
            kicks.execute(this::work);
        }
    }

    /**
     * Looks for a run no node holds: one whose node died, or one asked for at another node that has not begun it. A
     * run may take hours, so it is worked on by a thread of its own, not the scheduler's.
     */
    @Scheduled(fixedDelayString = "${registry.retention.purge-poll:PT5S}")
    void poll() {
        kick();
    }

    /** Works on the run no node holds, if there is one, until it is done or lost. */
    void work() {
        if (!working.compareAndSet(false, true)) {
            return;
        }
        try {
            runs.claim(node, properties.purgeLease()).ifPresent(this::run);
        } finally {
            working.set(false);
        }
    }

    private void run(Claimed run) {
        try {
            while (batch(run, node, properties.purgeBatchSize())) {
                // until the run is done, deferred or lost
            }
        } catch (RuntimeException e) {
            // By type and place only: a message may quote what the batch was erasing.
            LOG.warn("A purge batch failed ({}); the run is tried again at the next poll", e.getClass().getName());
            transactions.executeWithoutResult(status -> runs.failed(run.id(), node, e, MAX_FAILURES, clock.instant()));
        }
    }

    /**
     * One batch of run {@code run} as {@code node}, of up to {@code batchSize} persons, in one transaction: whether
     * another follows at once.
     */
    boolean batch(Claimed run, String node, int batchSize) {
        return Boolean.TRUE.equals(transactions.execute(status -> step(run, node, batchSize)));
    }

    private boolean step(Claimed run, String node, int batchSize) {
        Progress progress = runs.lock(run.id(), node).orElse(null);
        if (progress == null) {
            return false;
        }
        Progress next = switch (progress.phase()) {
            case PurgeRuns.IDENTITY_FILE -> fileBatch(run, progress, identityFile, PurgeRuns.OVERSEAS_FILE, batchSize);
            case PurgeRuns.OVERSEAS_FILE -> fileBatch(run, progress, overseasFile, PurgeRuns.BULK_QUERIES, batchSize);
            case PurgeRuns.BULK_QUERIES -> bulkQueries(run, progress);
            case PurgeRuns.LOGS -> logs(run);
            default -> throw new IllegalStateException("Unknown purge phase");
        };
        if (next == null) {
            runs.release(run.id(), node);
            return false;
        }
        if (next.phase() == null) {
            runs.complete(run.id(), clock.instant());
            LOG.info("Purge run {} completed, {} ms after it was asked for", run.id(),
                    Duration.between(run.asOf(), clock.instant()).toMillis());
            return false;
        }
        runs.advance(run.id(), next, properties.purgeLease());
        return true;
    }

    /** A batch of one file's persons; null when a rebuild must end first. */
    private Progress fileBatch(Claimed run, Progress progress, FileErasure erasure, String nextPhase, int batchSize) {
        FileErasure.Batch batch = erasure.next(progress.cursor(), run.asOf(), run.dryRun(), properties.policy(), batchSize);
        if (batch.deferred()) {
            return null;
        }
        runs.count(run.id(), batch.counts());
        if (!run.dryRun()) {
            runs.erased(run.id(), erasure.name(), batch.erased(), digests);
        }
        return batch.cursor() == null ? new Progress(nextPhase, null) : new Progress(progress.phase(), batch.cursor());
    }

    /**
     * Bulk queries — 一括提供 — submitted longer ago than the superseded-version period: their uploaded conditions and
     * result lines are erased whole (the job's row stays, naming nobody). What they handed out was the file as it stood
     * then, so nothing in them is younger than that.
     */
    private Progress bulkQueries(Claimed run, Progress progress) {
        Timestamp cutoff = Timestamp.from(properties.supersededVersion().latestEndedStart(run.asOf()));
        List<String> ids = jdbc.queryForList("SELECT q.id::text FROM bulk_query q WHERE q.submitted_at <= ?"
                        + " AND q.status IN ('DONE', 'FAILED') AND q.id > ?::uuid"
                        + " AND (EXISTS (SELECT 1 FROM bulk_query_row r WHERE r.bulk_query_id = q.id)"
                        + "   OR EXISTS (SELECT 1 FROM bulk_query_result r WHERE r.bulk_query_id = q.id))"
                        + " ORDER BY q.id LIMIT ?", String.class, cutoff,
                progress.cursor() == null ? "00000000-0000-0000-0000-000000000000" : progress.cursor(), BULK_QUERIES_PER_BATCH);
        if (!ids.isEmpty()) {
            Object[] selected = {ids.toArray(String[]::new)};
            long rows = jdbc.queryForObject("SELECT count(*) FROM bulk_query_row WHERE bulk_query_id = ANY (?::uuid[])",
                    Long.class, selected);
            if (!run.dryRun()) {
                jdbc.update("DELETE FROM bulk_query_result WHERE bulk_query_id = ANY (?::uuid[])", selected);
                jdbc.update("DELETE FROM bulk_query_row WHERE bulk_query_id = ANY (?::uuid[])", selected);
            }
            runs.count(run.id(), Map.of("BULK_QUERIES", (long) ids.size(), "BULK_QUERY_ROWS", rows));
        }
        return ids.size() < BULK_QUERIES_PER_BATCH ? new Progress(PurgeRuns.LOGS, null)
                : new Progress(PurgeRuns.BULK_QUERIES, ids.get(ids.size() - 1));
    }

    /**
     * The next log whose retention this run has not asked yet; the end when none is left. The log erases in batches of
     * its own transactions; its outcome is recorded in the batch's.
     */
    private Progress logs(Claimed run) {
        for (LogRetention log : logs) {
            if (!runs.logDone(run.id(), log.kind())) {
                runs.log(run.id(), log.kind(), log.purgeExpired(run.asOf(), run.dryRun()));
                return new Progress(PurgeRuns.LOGS, null);
            }
        }
        return new Progress(null, null);
    }

    @PreDestroy
    void stop() {
        kicks.shutdownNow();
    }
}
