package org.residentregistry.benchmarks.prefecture;

/** The 異動事由 of domain.md §2.2 that a synthetic prefecture's municipalities send. */
public enum ChangeReason {
    MOVE_IN,
    BIRTH,
    MOVE_WITHIN,
    ADDRESS_REDESIGNATION,
    NAME_CHANGE,
    INDIVIDUAL_NUMBER_CHANGE,
    MOVE_OUT,
    DEATH
}
