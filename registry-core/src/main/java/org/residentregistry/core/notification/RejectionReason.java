package org.residentregistry.core.notification;

/** Why a notification was rejected (domain.md §2.2–2.3). A rejected notification changes nothing. */
public enum RejectionReason {
    ALREADY_CURRENT,
    FIELD_OUT_OF_SCOPE,
    UNKNOWN_RESIDENT,
    NOT_CURRENT,
    ALREADY_REMOVED,
    NOT_HOLDER,
    ALREADY_EXISTS,
    INDIVIDUAL_NUMBER_CONFLICT,
    NOT_RESTORABLE,
    INVALID_CHANGE_DATE,
    SEQUENCE_CONFLICT,
    OUT_OF_ORDER
}
