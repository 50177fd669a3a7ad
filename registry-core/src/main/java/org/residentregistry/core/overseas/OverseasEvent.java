package org.residentregistry.core.overseas;

import java.time.Instant;

import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.codes.ResidentCode;

/**
 * An applied change to one person's overseas-address record. Each event carries its whole notification, so the
 * overseas file's history can be replayed from the event store alone.
 */
public sealed interface OverseasEvent permits OverseasRecorded, OverseasModified, OverseasRemoved {

    ResidentCode residentCode();

    /** The version of this person's overseas history this event creates, from 1. */
    int version();

    OverseasNotification notification();

    /** When the registry received the notification. */
    Instant receivedAt();

    /** The record's status after this event. */
    OverseasStatus status();

    /** The managing municipality after this event: the one that sent it. */
    default MunicipalityCode managingMunicipality() {
        return notification().key().municipalityCode();
    }
}
