package org.residentregistry.core.identity;

import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.notification.NotificationOutcome;

/** A municipality's removal that came after another municipality had taken the record over (a 転出 arriving after the 転入): kept in the history, the current record unchanged. */
@Revision("1")
public record RemovalKeptInHistory(ResidentCode residentCode, int version, IdentityNotification notification, Instant receivedAt, ResidentStatus statusKept)
        implements IdentityEvent {

    @Override
    public ResidentStatus status() {
        return statusKept;
    }

    @Override
    public NotificationOutcome.Effect effect() {
        return NotificationOutcome.Effect.HISTORY_ONLY;
    }
}
