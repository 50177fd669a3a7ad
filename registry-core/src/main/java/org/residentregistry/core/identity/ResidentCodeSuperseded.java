package org.residentregistry.core.identity;

import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.residentregistry.core.codes.ResidentCode;

/** The old resident code of a 住民票コードの変更: its record is removed and points to {@code supersededBy}. */
@Revision("1")
public record ResidentCodeSuperseded(ResidentCode residentCode, int version, IdentityNotification notification, Instant receivedAt, ResidentCode supersededBy)
        implements IdentityEvent {

    @Override
    public ResidentStatus status() {
        return ResidentStatus.REMOVED;
    }
}
