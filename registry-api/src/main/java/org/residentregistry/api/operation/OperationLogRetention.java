package org.residentregistry.api.operation;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;

import org.residentregistry.api.retention.LogPurgeOutcome;
import org.residentregistry.api.retention.LogRetention;
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
public class OperationLogRetention implements LogRetention {

    static final String KIND = "OPERATION_LOG";
    /** Rows a batch erases at most: one short transaction. */
    static final int BATCH_ROWS = 5_000;
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final Logger LOG = LoggerFactory.getLogger(OperationLogRetention.class);
    /** Serialises the purges of several nodes (any constant no other lock of the registry uses). */
    private static final long LOCK = 0x6f705f6c6f675f70L;
    /** Where the purge cuts: the end of the period, or a later one an interrupted purge recorded. */
    private static final String CUTOFF = "greatest(?, (SELECT max(expired_before) FROM operation_log_purge))";
    /** The segments: days in Japan's time. */
    private static final String DAYS = "count(DISTINCT (at AT TIME ZONE 'Asia/Tokyo')::date)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Period period;

    OperationLogRetention(JdbcTemplate jdbc, TransactionTemplate transactions,
                          @Value("${registry.retention.operation-log:P7Y}") Period period) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.period = period;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public LogPurgeOutcome purgeExpired(Instant now, boolean dryRun) {
        return purge(now, dryRun, BATCH_ROWS, Integer.MAX_VALUE);
    }

    /**
     * The purge, in batches of at most {@code batchRows} rows, stopping after {@code maxBatches} (as a crash would;
     * the next run finishes it).
     */
    LogPurgeOutcome purge(Instant now, boolean dryRun, int batchRows, int maxBatches) {
        Timestamp expiredBefore = Timestamp.from(now.atZone(JAPAN).minus(period).toLocalDate().atStartOfDay(JAPAN).toInstant());
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
