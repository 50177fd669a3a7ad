package org.residentregistry.api.provision;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;

import org.residentregistry.api.retention.LogPurgeOutcome;
import org.residentregistry.api.retention.LogRetention;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retention (保存期間) of a log that is erased in whole segments, in committed batches, once their period has ended:
 * what the provision log and the operation log share.
 */
public abstract class SegmentedLogRetention implements LogRetention {

    /** Periods are counted in Japan's calendar. */
    protected static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final String kind;
    private final Period period;
    private final int batchSize;

    protected SegmentedLogRetention(String kind, Period period, int batchSize) {
        this.kind = kind;
        this.period = period;
        this.batchSize = batchSize;
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final LogPurgeOutcome purgeExpired(Instant now, boolean dryRun) {
        return purge(now, dryRun, batchSize, Integer.MAX_VALUE);
    }

    /**
     * Transactions of the purge's own, each committed on its own even when the caller has one open (a purge run calls
     * this inside its batch's transaction): joining it would make the whole purge one unbounded transaction.
     */
    protected static TransactionTemplate ownTransactions(TransactionTemplate shared) {
        TransactionTemplate own = new TransactionTemplate(shared.getTransactionManager());
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return own;
    }

    /** When the period that ends at {@code now} began: what is older has expired. */
    protected final Instant periodStart(Instant now) {
        return now.atZone(JAPAN).minus(period).toInstant();
    }

    /**
     * The purge, in batches of at most {@code batchSize} entries, stopping after {@code maxBatches} (as a crash would;
     * the next run finishes it).
     */
    protected abstract LogPurgeOutcome purge(Instant now, boolean dryRun, int batchSize, int maxBatches);
}
