package org.residentregistry.core.identity;

import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.codes.MunicipalityCode;

/** A record became current at the notifying municipality (転入, 出生, 職権記載, その他記載), taking it over from {@code takenOverFrom} when another municipality held it. */
@Revision("1")
public record ResidentRecorded(ResidentCode residentCode, int version, IdentityNotification notification, Instant receivedAt, MunicipalityCode takenOverFrom)
        implements IdentityEvent {

    @Override
    public ResidentStatus status() {
        return ResidentStatus.CURRENT;
    }
}
