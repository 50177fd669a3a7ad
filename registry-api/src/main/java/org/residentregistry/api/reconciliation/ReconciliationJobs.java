package org.residentregistry.api.reconciliation;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.annotation.PreDestroy;
import org.residentregistry.core.reconciliation.DiscrepancyKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the comparisons, one at a time per node, in the background.
 * <p>
 * A comparison is one REPEATABLE READ transaction: its snapshot, taken when it starts, is the registry's side
 * of the report (a notification committed later is not in it, one committed earlier is, whole), and the
 * report, the counts and the staging table's removal commit together. So a crash leaves the job as it was
 * before: it stays {@code RUNNING}, its row unlocked, and the next poll on any node runs it again from the
 * staged rows. The job's row is locked {@code FOR UPDATE SKIP LOCKED} for the whole comparison, so two nodes
 * never run one job.
 */
@Service
class ReconciliationJobs {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationJobs.class);
    /** A job failing this many times (a bug, not a crash) is given up rather than retried forever. */
    private static final int MAX_ATTEMPTS = 5;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate claims;
    private final TransactionTemplate snapshots;
    private final Map<String, ReconciliationSource> sources;
    private final ReconciliationMetrics metrics;
    private final String workMem;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(new CustomizableThreadFactory("reconciliation-"));
    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();

    ReconciliationJobs(JdbcTemplate jdbc, PlatformTransactionManager transactions, List<ReconciliationSource> sources,
                       ReconciliationMetrics metrics, @Value("${registry.reconciliation.work-mem:256MB}") String workMem) {
        this.jdbc = jdbc;
        this.claims = new TransactionTemplate(transactions);
        this.snapshots = new TransactionTemplate(transactions);
        this.snapshots.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.sources = sources.stream().collect(Collectors.toMap(s -> s.file().name(), Function.identity()));
        this.metrics = metrics;
        this.workMem = workMem;
    }

    /** Queues the job on this node at once (the poll would find it too, a moment later). */
    void submit(UUID id) {
        if (queued.add(id)) {
            worker.execute(() -> {
                try {
                    run(id);
                } catch (RuntimeException e) {
                    log.warn("A reconciliation failed and will be retried: {} at {}", e.getClass().getName(),
                            e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
                } finally {
                    queued.remove(id);
                }
            });
        }
    }

    /** Picks up the jobs no node is running: new ones, and those a crash or a restart interrupted. */
    @Scheduled(fixedDelayString = "${registry.reconciliation.poll:PT2S}")
    void poll() {
        jdbc.queryForList("SELECT id FROM reconciliation WHERE state IN ('RECEIVED', 'RUNNING') ORDER BY received_at",
                UUID.class).forEach(this::submit);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    private void run(UUID id) {
        Boolean claimed = claims.execute(status -> jdbc.update("UPDATE reconciliation SET"
                + " state = CASE WHEN attempts >= ? THEN 'FAILED' ELSE 'RUNNING' END,"
                + " started_at = now(), attempts = attempts + 1"
                + " WHERE id = (SELECT id FROM reconciliation WHERE id = ? AND state IN ('RECEIVED', 'RUNNING')"
                + " FOR UPDATE SKIP LOCKED)", MAX_ATTEMPTS, id) == 1);
        if (!Boolean.TRUE.equals(claimed)) {
            return;
        }
        try {
            snapshots.executeWithoutResult(status -> compare(id));
        } catch (ConcurrencyFailureException anotherNodeFinishedIt) {
            return;
        }
        metrics.refresh();
    }

    private void compare(UUID id) {
        // The first statement takes the snapshot the whole report is of.
        List<Map<String, Object>> job = jdbc.queryForList("SELECT file, municipality_code FROM reconciliation"
                + " WHERE id = ? AND state = 'RUNNING' FOR UPDATE SKIP LOCKED", id);
        if (job.isEmpty()) {
            return;
        }
        ReconciliationSource source = sources.get((String) job.get(0).get("file"));
        String municipality = (String) job.get(0).get("municipality_code");
        StagingTable staging = StagingTable.of(id, source.file().columns().size());
        // The full join's hash table spills to disk under the default work_mem (4 MB); this transaction only gets
        // more. And the staging table, just COPYed, has no statistics for the planner until it is analysed.
        jdbc.queryForObject("SELECT set_config('work_mem', ?, true)", String.class, workMem);
        jdbc.execute("ANALYZE " + staging.name());
        markDuplicates(id, staging);
        Map<String, Long> counts = writeDiscrepancies(id, source, staging, municipality);
        long gaps = writeSequenceGaps(id, source, municipality);
        long differing = counts.getOrDefault(DiscrepancyKind.DIFFERING.name(), 0L);
        long onlyInMunicipality = counts.getOrDefault(DiscrepancyKind.ONLY_IN_MUNICIPALITY.name(), 0L);
        long heldByAnother = counts.getOrDefault(DiscrepancyKind.HELD_BY_ANOTHER_MUNICIPALITY.name(), 0L);
        // Every good row is exactly one of matched, differing, only in the municipality or held by another.
        jdbc.update("UPDATE reconciliation SET state = 'COMPLETED', snapshot_at = now(), finished_at = clock_timestamp(),"
                        + " matched = records - bad_rows - ?, differing = ?, only_in_municipality = ?, only_in_registry = ?,"
                        + " held_by_another_municipality = ?, missing_sequences = ? WHERE id = ?",
                differing + onlyInMunicipality + heldByAnother, differing, onlyInMunicipality,
                counts.getOrDefault(DiscrepancyKind.ONLY_IN_REGISTRY.name(), 0L), heldByAnother, gaps, id);
        jdbc.execute("DROP TABLE " + staging.name());
    }

    /**
     * A resident code given again further down the extract is a bad row; its first row is compared. One pass over
     * the staged rows (a sort of the whole extract) both reports and marks them.
     */
    private void markDuplicates(UUID id, StagingTable staging) {
        int marked = jdbc.update("WITH duplicate AS MATERIALIZED (SELECT line_number FROM (SELECT line_number, row_number() OVER"
                + " (PARTITION BY resident_code ORDER BY line_number) AS n FROM " + staging.name()
                + " WHERE resident_code IS NOT NULL) d WHERE n > 1),"
                + " reported AS (INSERT INTO reconciliation_bad_row (reconciliation_id, line_number, field, reason)"
                + " SELECT ?, line_number, 'residentCode', 'DUPLICATE' FROM duplicate ON CONFLICT DO NOTHING)"
                + " UPDATE " + staging.name() + " SET bad = true WHERE NOT bad AND line_number IN (SELECT line_number FROM duplicate)", id);
        if (marked > 0) {
            jdbc.update("UPDATE reconciliation SET bad_rows = bad_rows + ? WHERE id = ?", marked, id);
        }
    }

    /**
     * One full join of the staged extract with the records the municipality holds, in the snapshot, keeping only
     * what is not a match: a pair whose values are equal as they stand is dropped at once, and only the others are
     * folded ({@code reconciliation_comparable}, the registry's side; the extract's is folded as staged) and
     * compared column by column, so the fold runs on the few pairs that differ, not on every record. Each unpaired
     * resident code is classified. Bad rows are compared with nothing, but keep their record from counting as
     * missing from the extract. Answers the count of each kind written.
     */
    private Map<String, Long> writeDiscrepancies(UUID id, ReconciliationSource source, StagingTable staging, String municipality) {
        List<String> columns = source.file().columns();
        String differingFields = IntStream.rangeClosed(2, columns.size())
                .mapToObj(i -> "CASE WHEN NOT (e.f" + i + " IS NOT DISTINCT FROM r.f" + i + " OR e.f" + i
                        + " = reconciliation_comparable(r.f" + i + ")) THEN '" + columns.get(i - 1) + "' END")
                .collect(Collectors.joining(", ", "array_remove(ARRAY[", "], NULL)"));
        String unmatched = "SELECT coalesce(e.resident_code, r.resident_code) AS resident_code,"
                + " CASE WHEN e.resident_code IS NULL THEN 'ONLY_IN_REGISTRY' WHEN r.resident_code IS NOT NULL THEN 'DIFFERING'"
                + " WHEN EXISTS (SELECT 1 FROM (" + source.currentRecords() + ") o WHERE o.resident_code = e.resident_code)"
                + " THEN 'HELD_BY_ANOTHER_MUNICIPALITY' ELSE 'ONLY_IN_MUNICIPALITY' END AS kind,"
                + " CASE WHEN e.resident_code IS NOT NULL AND r.resident_code IS NOT NULL THEN " + differingFields + " END AS fields"
                + " FROM (SELECT * FROM " + staging.name() + " WHERE resident_code IS NOT NULL) e"
                + " FULL JOIN (SELECT * FROM (" + source.currentRecords() + ") c WHERE municipality_code = ?) r"
                + " ON r.resident_code = e.resident_code"
                + " WHERE e.bad IS NOT TRUE AND (e.resident_code IS NULL OR r.resident_code IS NULL"
                + " OR (" + staging.fields(i -> "e.f" + i) + ") IS DISTINCT FROM (" + staging.fields(i -> "r.f" + i) + "))";
        // MATERIALIZED: the classification and the fold run once per unmatched pair, not once per reference.
        return jdbc.query("WITH unmatched AS MATERIALIZED (" + unmatched + "),"
                        + " written AS (INSERT INTO reconciliation_discrepancy (reconciliation_id, resident_code, kind, fields)"
                        + " SELECT ?, resident_code, kind, fields FROM unmatched"
                        + " WHERE kind <> 'DIFFERING' OR cardinality(fields) > 0 RETURNING kind)"
                        + " SELECT kind, count(*) FROM written GROUP BY kind",
                (rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)), municipality, id)
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * The update sequences of the municipality the registry has not applied, from just after the previous
     * completed reconciliation's last one (or the first ever applied) to the highest applied, in the snapshot.
     */
    private long writeSequenceGaps(UUID id, ReconciliationSource source, String municipality) {
        String ledger = source.ledgerTable();
        Long previous = jdbc.query("SELECT sequences_through FROM reconciliation WHERE file = ? AND municipality_code = ?"
                        + " AND state = 'COMPLETED' AND sequences_through IS NOT NULL ORDER BY finished_at DESC LIMIT 1",
                rs -> rs.next() ? rs.getLong(1) : null, source.file().name(), municipality);
        Map<String, Object> range = jdbc.queryForMap("SELECT min(update_sequence) AS first, max(update_sequence) AS last FROM "
                + ledger + " WHERE municipality_code = ?", municipality);
        Long last = (Long) range.get("last");
        if (last == null) {
            return 0;
        }
        long from = previous != null ? previous + 1 : (Long) range.get("first");
        jdbc.update("UPDATE reconciliation SET sequences_from = ?, sequences_through = ? WHERE id = ?", from, last, id);
        jdbc.update("INSERT INTO reconciliation_sequence_gap (reconciliation_id, first_missing, last_missing)"
                + " SELECT ?, s + 1, next - 1 FROM (SELECT s, lead(s) OVER (ORDER BY s) AS next FROM ("
                + " SELECT update_sequence AS s FROM " + ledger + " WHERE municipality_code = ? AND update_sequence >= ?"
                + " UNION ALL SELECT ?::bigint - 1) l) g WHERE next > s + 1", id, municipality, from, from);
        return jdbc.queryForObject("SELECT coalesce(sum(last_missing - first_missing + 1), 0) FROM reconciliation_sequence_gap"
                + " WHERE reconciliation_id = ?", Long.class, id);
    }
}
