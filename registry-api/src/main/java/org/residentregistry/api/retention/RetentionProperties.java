package org.residentregistry.api.retention;

import java.nio.file.Path;
import java.time.Duration;

import org.residentregistry.core.retention.RetentionPeriod;
import org.residentregistry.core.retention.RetentionPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The retention settings of both files ({@code registry.retention.*}; the temporary individual-number area's are
 * read by that area). The periods are ISO-8601 periods or durations, 150 years by default (domain.md §6).
 *
 * @param supersededVersion    how long a superseded version is kept after the notification that superseded it
 * @param removedPerson        how long a removed person's entry is kept after the removal
 * @param purgeSchedule        when the purge runs by itself: a cron expression in Japan's time, {@code -} for never
 * @param purgeBatchSize       persons decided, locked and erased per transaction
 * @param purgePoll            how often each node looks for a purge run to work on or resume
 * @param purgeLease           how long a node holds a run without progress before another takes it over
 * @param erasureDigestKeyFile the key of the erased resident codes' digests (HMAC-SHA256), outside the database
 */
@ConfigurationProperties("registry.retention")
public record RetentionProperties(
        @DefaultValue("P150Y") RetentionPeriod supersededVersion,
        @DefaultValue("P150Y") RetentionPeriod removedPerson,
        @DefaultValue("0 0 3 * * *") String purgeSchedule,
        @DefaultValue("500") int purgeBatchSize,
        @DefaultValue("PT5S") Duration purgePoll,
        @DefaultValue("PT1M") Duration purgeLease,
        Path erasureDigestKeyFile) {

    public RetentionPolicy policy() {
        return new RetentionPolicy(supersededVersion, removedPerson);
    }
}
