package org.residentregistry.api.retention;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A purge run as administrators see it: nothing personal, only when, how far and how many of each kind.
 *
 * @param erased             per kind, how many were erased (or, in a dry run, would be)
 * @param residentCodes      how many resident codes something was erased of (a dry run records none)
 * @param logs               what each log's retention answered
 */
public record PurgeRunStatus(UUID id, boolean dryRun, String state, String requestedBy, Instant requestedAt,
                             Instant asOf, Instant finishedAt, String phase, String failure, Map<String, Long> erased,
                             long residentCodes, List<LogPurgeOutcome> logs) {
}
