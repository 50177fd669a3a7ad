package org.residentregistry.api.provision;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.Period;

import org.residentregistry.api.retention.LogPurgeOutcome;
import org.residentregistry.projections.provision.CheckpointKey;
import org.residentregistry.projections.provision.ProvisionLogPurge;
import org.residentregistry.projections.provision.ProvisionLogPurge.Due;
import org.residentregistry.projections.provision.ProvisionLogPurge.Erased;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retention (保存期間) of the provision log — 提供・移転記録: a purge erases the whole sealed segments older than
 * {@code registry.retention.provision-log}, one committed batch after another, after recording the cut
 * ({@link ProvisionLogPurge}); what remains verifies from the checkpoint kept at the cut.
 */
@Component
public class ProvisionLogRetention extends SegmentedLogRetention {

    private static final String KIND = "PROVISION_LOG";
    /** Entries a batch erases at most (whole segments; one segment at least): one short transaction. */
    private static final int BATCH_ENTRIES = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(ProvisionLogRetention.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ProvisionLogPurge purge;

    ProvisionLogRetention(JdbcTemplate jdbc, TransactionTemplate transactions, CheckpointKey key,
                          @Value("${registry.retention.provision-log:P7Y}") Period period) {
        super(KIND, period, BATCH_ENTRIES);
        this.jdbc = jdbc;
        this.transactions = ownTransactions(transactions);
        this.purge = new ProvisionLogPurge(key);
    }

    @Override
    protected LogPurgeOutcome purge(Instant now, boolean dryRun, int batchEntries, int maxBatches) {
        Instant expiredBefore = periodStart(now);
        if (dryRun) {
            Due due = inTransaction(connection -> purge.due(connection, expiredBefore));
            return new LogPurgeOutcome(KIND, due.entries(), due.segments(), due.retainedFromSeq());
        }
        inTransaction(connection -> purge.record(connection, expiredBefore, now));
        long entries = 0;
        long segments = 0;
        for (int batch = 0; batch < maxBatches; batch++) {
            Erased erased = inTransaction(connection -> purge.eraseBatch(connection, batchEntries));
            if (erased.entries() == 0) {
                break;
            }
            entries += erased.entries();
            segments += erased.segments();
        }
        Long retainedFrom = inTransaction(purge::first);
        if (entries > 0) {
            LOG.info("Erased {} provision-log entries in {} sealed segments; the log now starts at seq {}", entries,
                    segments, retainedFrom);
        }
        return new LogPurgeOutcome(KIND, entries, segments, retainedFrom);
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        return transactions.execute(status -> jdbc.execute((ConnectionCallback<T>) work::run));
    }
}
