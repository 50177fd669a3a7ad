package org.residentregistry.api.retention;

/**
 * What one log's purge erased (or, in a dry run, would erase): counts only, never personal data.
 *
 * @param kind            the log, as {@link LogRetention#kind()}
 * @param entriesErased   entries erased
 * @param segmentsErased  whole sealed segments erased
 * @param retainedFromSeq the first sequence number the log still holds after the purge, or null if it has none
 */
public record LogPurgeOutcome(String kind, long entriesErased, long segmentsErased, Long retainedFromSeq) {
}
