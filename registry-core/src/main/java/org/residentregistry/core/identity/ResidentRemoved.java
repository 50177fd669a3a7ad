package org.residentregistry.core.identity;

import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.residentregistry.core.codes.ResidentCode;

/** The record stopped being current (転出, 死亡, 職権消除, その他消除): the resident is a removed person — 消除者. */
@Revision("1")
public record ResidentRemoved(ResidentCode residentCode, int version, IdentityNotification notification, Instant receivedAt)
        implements IdentityEvent {

    @Override
    public ResidentStatus status() {
        return ResidentStatus.REMOVED;
    }
}
