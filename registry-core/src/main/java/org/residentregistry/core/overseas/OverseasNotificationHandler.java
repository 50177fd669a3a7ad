package org.residentregistry.core.overseas;

import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.residentregistry.core.notification.NotificationLedger;
import org.residentregistry.core.notification.NotificationOutcome;

/**
 * Applies managing municipalities' notifications to the overseas file: the duplicate and conflict rules of §2.3
 * through the overseas file's own {@link NotificationLedger}, the checks of §2.4 through {@link OverseasIdentity}.
 */
public class OverseasNotificationHandler {

    private final Repository<OverseasIdentity> repository;
    private final NotificationLedger ledger;

    public OverseasNotificationHandler(Repository<OverseasIdentity> repository, NotificationLedger ledger) {
        this.repository = repository;
        this.ledger = ledger;
    }

    public NotificationOutcome handle(ApplyOverseasNotification command) {
        OverseasNotification n = command.notification();
        return ledger.decide(n.key(), n.contentDigest(), n.residentCode(), command.receivedAt(),
                () -> entry(n).invoke(e -> e.handle(n, command.receivedAt())));
    }

    /** Loaded through loadOrCreate, not load: a load that misses is logged by Axon with the identifier. */
    private Aggregate<OverseasIdentity> entry(OverseasNotification n) {
        try {
            return repository.loadOrCreate(OverseasIdentity.aggregateId(n.residentCode()), OverseasIdentity::new);
        } catch (Exception e) {
            throw new IllegalStateException("Could not load an overseas entry", e);
        }
    }
}
