package org.residentregistry.core.overseas;

import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.codes.ResidentCode;

/**
 * The annex record became current — 附票記載 — at the notifying municipality, taking the annex over from
 * {@code takenOverFrom} when another municipality managed a current record (a change of registered domicile).
 */
@Revision("1")
public record OverseasRecorded(ResidentCode residentCode, int version, OverseasNotification notification,
                               Instant receivedAt, MunicipalityCode takenOverFrom) implements OverseasEvent {

    @Override
    public OverseasStatus status() {
        return OverseasStatus.CURRENT;
    }
}
