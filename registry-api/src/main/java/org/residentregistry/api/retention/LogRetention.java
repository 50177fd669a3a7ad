package org.residentregistry.api.retention;

import java.time.Instant;

/**
 * The retention (保存期間) of one of the logs of domain.md §5, §6: every purge run asks each log to erase its
 * whole sealed segments whose period has ended, so that what remains still verifies.
 */
public interface LogRetention {

    /** The kind of data this log erases, as recorded in the purge run (for example {@code PROVISION_LOG}). */
    String kind();

    /**
     * Erases the segments that lie wholly before the log's retention period ending at {@code now}; with
     * {@code dryRun} only counts them. Idempotent: a run interrupted after it committed repeats nothing.
     */
    LogPurgeOutcome purgeExpired(Instant now, boolean dryRun);
}
