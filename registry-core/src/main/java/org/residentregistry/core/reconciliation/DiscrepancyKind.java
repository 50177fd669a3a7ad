package org.residentregistry.core.reconciliation;

/** How the file and a municipality's extract disagree about one resident code — 不整合の種類. */
public enum DiscrepancyKind {
    /** Both hold a current record for the municipality, with the fields named differing. */
    DIFFERING,
    /** The extract has the resident; the file holds no current record of it (or only a removed one). */
    ONLY_IN_MUNICIPALITY,
    /** The file holds a current record for the municipality that the extract lacks. */
    ONLY_IN_REGISTRY,
    /**
     * The extract has the resident, but the file's current record is held by another municipality (a move
     * whose notification one of them has not sent yet): counted apart from {@link #ONLY_IN_MUNICIPALITY}, as
     * the fix is a notification between two municipalities.
     */
    HELD_BY_ANOTHER_MUNICIPALITY
}
