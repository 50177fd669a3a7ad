package org.residentregistry.core.identity;

import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.residentregistry.core.codes.ResidentCode;

/** A record removed in error became current again — 職権回復. */
@Revision("1")
public record ResidentRestored(ResidentCode residentCode, int version, IdentityNotification notification, Instant receivedAt)
        implements IdentityEvent {

    @Override
    public ResidentStatus status() {
        return ResidentStatus.CURRENT;
    }
}
