package org.residentregistry.core.identity;

import java.time.Instant;

import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.notification.NotificationOutcome;

/**
 * An applied change to one resident's identity record. Each event carries the notification that made it
 * whole, so that the file's history — 履歴情報 — can be replayed from the event store alone.
 */
public sealed interface IdentityEvent permits ResidentRecorded, ResidentModified, ResidentRemoved,
        ResidentRestored, RemovalKeptInHistory, ResidentCodeChanged, ResidentCodeSuperseded {

    /** The resident code whose record this event changes. */
    ResidentCode residentCode();

    /** The version of this resident's history this event creates, from 1. */
    int version();

    IdentityNotification notification();

    /** When the registry received the notification — 通知を受けた年月日. */
    Instant receivedAt();

    /** The record's status after this event. */
    ResidentStatus status();

    /** Whether this event changed the current record or only added to the history. */
    default NotificationOutcome.Effect effect() {
        return NotificationOutcome.Effect.CURRENT_CHANGED;
    }

    /** The municipality that holds the record (or removed it) after this event. */
    default MunicipalityCode holder() {
        return notification().key().municipalityCode();
    }
}
