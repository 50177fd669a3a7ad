package org.residentregistry.projections.provision;

/**
 * What a verification of the provision log found: valid, or the first seq that is not as written and why.
 *
 * @param entriesChecked     entries whose hash was recomputed (up to the first invalid one)
 * @param checkpointsChecked checkpoints whose MAC and chain hash were checked
 * @param sealedUpTo         the seq of the last valid checkpoint: entries after it rest on the chain alone
 * @param purgedThrough      the cut of the last retention purge recorded (0 if none): the entries up to it are erased
 *                           (or, after an interrupted purge, being erased), and the verification starts at the oldest
 *                           checkpoint kept
 * @param firstInvalidSeq    null when valid
 * @param reason             null when valid
 */
public record ProvisionLogVerification(boolean valid, long entriesChecked, long checkpointsChecked, long sealedUpTo,
                                       long purgedThrough, Long firstInvalidSeq, Reason reason) {

    /** Why a seq is invalid. */
    public enum Reason {
        /** The entry's fields or hash are not what was chained there: altered, or inserted. */
        ENTRY_HASH_MISMATCH,
        /** No entry at this seq, though a later entry, a checkpoint or the chain's head says there was one. */
        ENTRY_MISSING,
        /** The per-resident rows of this entry are not the resident codes it handed out. */
        RESIDENT_ROWS_MISMATCH,
        /** The checkpoint at this seq was not made with the checkpoint key: forged or altered. */
        CHECKPOINT_FORGED,
        /** The checkpoint at this seq was removed (the next one's link names it, or the head does). */
        CHECKPOINT_MISSING,
        /** Entries from this seq to the next checkpoint were rewritten with consistent hashes: the checkpoint differs. */
        CHAIN_DIFFERS_FROM_CHECKPOINT,
        /** The chain's head row disagrees with the last entry: entries were appended past it or the head was altered. */
        HEAD_MISMATCH,
        /**
         * The retention purge recorded with this cut was not made with the checkpoint key, or does not match the
         * checkpoint it cut at: a deletion of leading entries made to look like a purge.
         */
        PURGE_FORGED
    }

    static ProvisionLogVerification invalid(long entriesChecked, long checkpointsChecked, long sealedUpTo,
                                            long purgedThrough, long seq, Reason reason) {
        return new ProvisionLogVerification(false, entriesChecked, checkpointsChecked, sealedUpTo, purgedThrough, seq,
                reason);
    }
}
