package org.residentregistry.core.identity;

import java.time.Instant;
import java.util.function.Function;

import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.notification.NotificationLedger;
import org.residentregistry.core.notification.NotificationOutcome;
import org.residentregistry.core.notification.RejectionReason;

/**
 * Applies municipal notifications to the identity file: the duplicate and conflict rules of §2.3 through the
 * {@link NotificationLedger}, the rules of §2.2 through {@link ResidentIdentity}, and the resident-code
 * change, which is the one notification that touches two entries.
 */
public class IdentityNotificationHandler {

    private final Repository<ResidentIdentity> repository;
    private final NotificationLedger ledger;
    private final IndividualNumberHolders holders;

    public IdentityNotificationHandler(Repository<ResidentIdentity> repository, NotificationLedger ledger,
                                       IndividualNumberHolders holders) {
        this.repository = repository;
        this.ledger = ledger;
        this.holders = holders;
    }

    public NotificationOutcome handle(ApplyIdentityNotification command) {
        IdentityNotification n = command.notification();
        return ledger.decide(n.key(), n.contentDigest(), n.residentCode(), command.receivedAt(),
                () -> n.changeReason() == ChangeReason.RESIDENT_CODE_CHANGE
                        ? changeResidentCode(n, command.receivedAt())
                        : apply(n, command.receivedAt()));
    }

    private NotificationOutcome apply(IdentityNotification n, Instant receivedAt) {
        Aggregate<ResidentIdentity> entry = entry(n.residentCode());
        if (entry.invoke(ResidentIdentity::isNew)) {
            return withHolderUpdated(entry, n, null, r -> r.recordFirst(n, receivedAt, holders));
        }
        IndividualNumber before = entry.invoke(r -> r.individualNumber().orElse(null));
        return withHolderUpdated(entry, n, before, r -> r.handle(n, receivedAt, holders));
    }

    private NotificationOutcome changeResidentCode(IdentityNotification n, Instant receivedAt) {
        Aggregate<ResidentIdentity> old = entry(n.previousResidentCode());
        if (old.invoke(ResidentIdentity::isNew)) {
            return NotificationOutcome.rejected(RejectionReason.UNKNOWN_RESIDENT);
        }
        Aggregate<ResidentIdentity> successor = entry(n.residentCode());
        if (!successor.invoke(ResidentIdentity::isNew)) {
            return NotificationOutcome.rejected(RejectionReason.ALREADY_EXISTS);
        }
        IndividualNumber before = old.invoke(r -> r.individualNumber().orElse(null));
        NotificationOutcome superseded = old.invoke(r -> r.supersede(n, receivedAt, holders));
        if (!superseded.isApplied()) {
            return superseded;
        }
        NotificationOutcome outcome = successor.invoke(r -> r.continueUnderNewCode(n, receivedAt));
        // The number passes to the new code even when it stays the same.
        holders.assign(n.record().individualNumber(), n.residentCode(), before);
        return outcome;
    }

    /** Runs the decision and, when it changed the current record's individual number, moves the number's holder. */
    private NotificationOutcome withHolderUpdated(Aggregate<ResidentIdentity> entry, IdentityNotification n,
                                                  IndividualNumber before,
                                                  Function<ResidentIdentity, NotificationOutcome> decision) {
        NotificationOutcome outcome = entry.invoke(decision);
        IndividualNumber after = n.record().individualNumber();
        if (outcome.isApplied() && outcome.effect() == NotificationOutcome.Effect.CURRENT_CHANGED
                && after != null && !after.equals(before)) {
            holders.assign(after, n.residentCode(), before);
        }
        return outcome;
    }

    /**
     * The entry of a resident code, new and empty when the file does not know the code. Loading through
     * loadOrCreate, not load, because a load that misses is logged by Axon with the identifier: a resident code.
     */
    private Aggregate<ResidentIdentity> entry(ResidentCode code) {
        try {
            return repository.loadOrCreate(code.value(), ResidentIdentity::new);
        } catch (Exception e) {
            throw new IllegalStateException("Could not load an identity entry", e);
        }
    }
}
