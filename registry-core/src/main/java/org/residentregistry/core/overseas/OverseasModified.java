package org.residentregistry.core.overseas;

import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.residentregistry.core.codes.ResidentCode;

/** The current annex record changed — 附票修正. */
@Revision("1")
public record OverseasModified(ResidentCode residentCode, int version, OverseasNotification notification,
                               Instant receivedAt) implements OverseasEvent {

    @Override
    public OverseasStatus status() {
        return OverseasStatus.CURRENT;
    }
}
