package org.residentregistry.core.identity;

import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.residentregistry.core.codes.ResidentCode;

/** The record continues under a new resident code — 住民票コードの変更; the notification's {@code previousResidentCode} names the old one. */
@Revision("1")
public record ResidentCodeChanged(ResidentCode residentCode, int version, IdentityNotification notification, Instant receivedAt)
        implements IdentityEvent {

    @Override
    public ResidentStatus status() {
        return ResidentStatus.CURRENT;
    }
}
