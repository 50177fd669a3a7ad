package org.residentregistry.api.bulkprovision;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.residentregistry.api.bulkprovision.BulkQueryRepository.ResultLine;
import org.residentregistry.api.provision.Affair;
import org.residentregistry.api.provision.ProvisionLog;
import org.residentregistry.api.provision.ProvisionRefusedException;
import org.residentregistry.api.provision.ProvisionRequest;
import org.residentregistry.api.provision.RegistryFile;
import org.residentregistry.projections.provision.ProvisionLogEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works through queued bulk queries, a chunk of rows at a time. A node takes a job under a lease it renews with
 * every chunk, so one node works a job at a time and another takes it over when the lease runs out (the node
 * died). Every row's answer is in the provision log exactly once: its entry's id is derived from the job and the
 * row, and a resumed chunk skips the rows whose entries exist, so a crash between the log and the progress never
 * logs a row twice.
 */
@Component
class BulkQueryWorker {

    private static final Logger LOG = LoggerFactory.getLogger(BulkQueryWorker.class);

    private final BulkQueryRepository jobs;
    private final BulkRowQuery rowQuery;
    private final ProvisionLog provisionLog;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final int chunkSize;
    private final Duration lease;
    private final String owner = "bulk-worker-" + UUID.randomUUID();

    BulkQueryWorker(BulkQueryRepository jobs, BulkRowQuery rowQuery, ProvisionLog provisionLog,
                    TransactionTemplate transactions, Clock clock,
                    @Value("${registry.bulk-queries.chunk-size:500}") int chunkSize,
                    @Value("${registry.bulk-queries.lease:PT1M}") Duration lease) {
        this.jobs = jobs;
        this.rowQuery = rowQuery;
        this.provisionLog = provisionLog;
        this.transactions = transactions;
        this.clock = clock;
        this.chunkSize = chunkSize;
        this.lease = lease;
    }

    /** The id of the provision-log entry of a job's row: the same on every node and after every restart. */
    static UUID entryId(UUID job, int row) {
        return UUID.nameUUIDFromBytes(("bulk-query:" + job + ":" + row).getBytes(StandardCharsets.UTF_8));
    }

    @Scheduled(fixedDelayString = "${registry.bulk-queries.poll-interval:PT1S}")
    void work() {
        Optional<BulkQuery> job;
        while ((job = jobs.claim(owner, lease, clock.instant())).isPresent()) {
            run(job.get());
        }
    }

    private void run(BulkQuery job) {
        ProvisionRequest submitted = request(job, "BULK", Map.of("bulkQueryId", job.id().toString()));
        int processed = job.processed();
        while (true) {
            Affair affair;
            try {
                affair = provisionLog.authorise(submitted);
            } catch (ProvisionRefusedException e) {
                // The department lost the affair since submission: nothing more is handed out.
                LOG.warn("Bulk query {} failed: its affair is no longer authorised", job.id());
                jobs.fail(job.id(), owner);
                return;
            }
            List<BulkQueryRow> rows = jobs.rowsAfter(job.id(), processed, chunkSize);
            List<ResultLine> lines;
            try {
                lines = transactions.execute(status -> answerAndLog(job, rows, affair));
            } catch (DuplicateKeyException e) {
                // An entry of the chunk is in the log already: another node took the job over while this one was slow
                // and logged the chunk first. This chunk rolled back; the other node has the job.
                LOG.warn("Bulk query {}: a chunk was logged by another node, which goes on", job.id());
                return;
            }
            processed = rows.isEmpty() ? processed : rows.get(rows.size() - 1).number();
            boolean done = rows.isEmpty() || processed >= job.rows();
            int progress = processed;
            Boolean kept = transactions.execute(status ->
                    jobs.recordChunk(job.id(), owner, lines, progress, done, lease, clock.instant()));
            if (!Boolean.TRUE.equals(kept)) {
                LOG.warn("Bulk query {}: the lease was lost to another node, which goes on", job.id());
                return;
            }
            if (done) {
                return;
            }
        }
    }

    /** Answers a chunk's rows and logs each one not already logged; the log entries commit together. */
    private List<ResultLine> answerAndLog(BulkQuery job, List<BulkQueryRow> rows, Affair affair) {
        Set<UUID> logged = jobs.alreadyLogged(rows.stream().map(row -> entryId(job.id(), row.number())).toList());
        List<ResultLine> lines = new ArrayList<>();
        List<ProvisionLogEntry> entries = new ArrayList<>();
        for (BulkQueryRow row : rows) {
            BulkRowQuery.Answer answer = rowQuery.answer(row, affair);
            UUID id = entryId(job.id(), row.number());
            if (!logged.contains(id)) {
                Map<String, Object> criteria = new LinkedHashMap<>();
                criteria.put("bulkQueryId", job.id().toString());
                criteria.put("row", row.number());
                criteria.putAll(row.given());
                entries.add(provisionLog.providedEntry(id, request(job, answer.queryKind(), criteria), affair,
                        answer.residentCodes(), answer.individualNumberIncluded()));
            }
            lines.addAll(answer.lines());
        }
        if (!entries.isEmpty()) {
            provisionLog.appendAll(entries);
        }
        return lines;
    }

    private static ProvisionRequest request(BulkQuery job, String kind, Map<String, Object> criteria) {
        return new ProvisionRequest(job.operator(), job.terminalId(), job.affairCode(), RegistryFile.IDENTITY, kind,
                criteria);
    }
}
