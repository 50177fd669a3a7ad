package org.residentregistry.api.operation;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.Period;

import org.residentregistry.api.provision.SegmentedLogRetention;
import org.residentregistry.api.retention.LogPurgeOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retention (保存期間) of the operation log — 操作履歴: its segments are the days of Japan's calendar, and a purge
 * erases the rows of every day that ended more than {@code registry.retention.operation-log} ago. It records the end
 * of the period first ({@code operation_log_purge}), then erases in committed batches through the database's
 * {@code operation_log_erase}, oldest first, so an interrupted purge is finished by the next run.
 */
@Component
public class OperationLogRetention extends SegmentedLogRetention {

    private static final String KIND = "OPERATION_LOG";
    /** Rows a batch erases at most: one short transaction. */
    private static final int BATCH_ROWS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(OperationLogRetention.class);
    /** Serialises the purges of several nodes (any constant no other lock of the registry uses). */
    private static final long LOCK = 0x6f705f6c6f675f70L;
    /** Where the purge cuts: the end of the period, or a later one an interrupted purge recorded. */
    private static final String CUTOFF = "greatest(?, (SELECT max(expired_before) FROM operation_log_purge))";
    /** The segments: days in Japan's time. */
    private static final String DAYS = "count(DISTINCT (at AT TIME ZONE 'Asia/Tokyo')::date)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    OperationLogRetention(JdbcTemplate jdbc, TransactionTemplate transactions,
                          @Value("${registry.retention.operation-log:P7Y}") Period period) {
        super(KIND, period, BATCH_ROWS);
        this.jdbc = jdbc;
        this.transactions = ownTransactions(transactions);
    }

    @Override
    protected LogPurgeOutcome purge(Instant now, boolean dryRun, int batchRows, int maxBatches) {
        Timestamp expiredBefore = Timestamp.from(periodStart(now).atZone(JAPAN).toLocalDate().atStartOfDay(JAPAN).toInstant());
        if (dryRun) {
            return new LogPurgeOutcome(KIND, count("count(*)", expiredBefore), count(DAYS, expiredBefore),
                    jdbc.queryForObject("SELECT min(seq) FROM operation_log WHERE at >= " + CUTOFF, Long.class, expiredBefore));
        }
        long days = count(DAYS, expiredBefore);
        transactions.executeWithoutResult(status -> {
            lock();
            jdbc.update("INSERT INTO operation_log_purge (expired_before, at) SELECT ?, ? WHERE ? > coalesce("
                    + "(SELECT max(expired_before) FROM operation_log_purge), '-infinity')", expiredBefore,
                    Timestamp.from(now), expiredBefore);
        });
        long erased = 0;
        for (int batch = 0; batch < maxBatches; batch++) {
            Long rows = transactions.execute(status -> {
                lock();
                return jdbc.queryForObject("SELECT operation_log_erase(?)", Long.class, batchRows);
            });
            if (rows == null || rows == 0) {
                break;
            }
            erased += rows;
        }
        long daysErased = days - count(DAYS, expiredBefore);
        if (erased > 0) {
            LOG.info("Erased {} operation-log rows, {} whole days", erased, daysErased);
        }
        return new LogPurgeOutcome(KIND, erased, daysErased, jdbc.queryForObject("SELECT min(seq) FROM operation_log", Long.class));
    }

    /** An aggregate of the rows before the end of the period, or of the one an interrupted purge recorded. */
    private long count(String aggregate, Timestamp expiredBefore) {
        return jdbc.queryForObject("SELECT " + aggregate + " FROM operation_log WHERE at < " + CUTOFF, Long.class, expiredBefore);
    }

    private void lock() {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", LOCK);
    }
}
