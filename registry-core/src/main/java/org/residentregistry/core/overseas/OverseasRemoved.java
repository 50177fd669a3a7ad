package org.residentregistry.core.overseas;

import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.residentregistry.core.codes.ResidentCode;

/** The annex record stopped being current — 附票消除. */
@Revision("1")
public record OverseasRemoved(ResidentCode residentCode, int version, OverseasNotification notification,
                              Instant receivedAt) implements OverseasEvent {

    @Override
    public OverseasStatus status() {
        return OverseasStatus.REMOVED;
    }
}
