package org.residentregistry.core.identity;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.core.codes.ResidentCode;

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

    @CommandHandler
    public NotificationOutcome handle(ApplyIdentityNotification command) {
        IdentityNotification n = command.notification();
        String digest = n.contentDigest();
        Optional<NotificationLedger.Entry> seen = ledger.find(n.key());
        if (seen.isPresent()) {
            return seen.get().contentDigest().equals(digest)
                    ? NotificationOutcome.duplicate(seen.get().outcome())
                    : NotificationOutcome.rejected(RejectionReason.SEQUENCE_CONFLICT);
        }
        NotificationOutcome outcome = n.changeReason() == ChangeReason.RESIDENT_CODE_CHANGE
                ? changeResidentCode(n, command.receivedAt())
                : apply(n, command.receivedAt());
        if (outcome.isApplied()) {
            ledger.record(n.key(), digest, n.residentCode(), outcome, command.receivedAt());
        }
        return outcome;
    }

    private NotificationOutcome apply(IdentityNotification n, Instant receivedAt) {
        Optional<Aggregate<ResidentIdentity>> existing = load(n.residentCode());
        if (existing.isEmpty()) {
            Optional<NotificationOutcome> rejection = ResidentIdentity.rejectFirst(n, holders);
            if (rejection.isPresent()) {
                return rejection.get();
            }
            createEntry(() -> ResidentIdentity.recordFirst(n, receivedAt), n, null);
            return NotificationOutcome.applied(NotificationOutcome.Effect.CURRENT_CHANGED, 1);
        }
        Aggregate<ResidentIdentity> entry = existing.get();
        IndividualNumber before = entry.invoke(r -> r.individualNumber().orElse(null));
        NotificationOutcome outcome = entry.invoke(r -> r.handle(n, receivedAt, holders));
        IndividualNumber after = n.record().individualNumber();
        if (outcome.isApplied() && outcome.effect() == NotificationOutcome.Effect.CURRENT_CHANGED
                && after != null && !after.equals(before)) {
            holders.assign(after, n.residentCode(), before);
        }
        return outcome;
    }

    private NotificationOutcome changeResidentCode(IdentityNotification n, Instant receivedAt) {
        Optional<Aggregate<ResidentIdentity>> old = load(n.previousResidentCode());
        if (old.isEmpty()) {
            return NotificationOutcome.rejected(RejectionReason.UNKNOWN_RESIDENT);
        }
        if (load(n.residentCode()).isPresent()) {
            return NotificationOutcome.rejected(RejectionReason.ALREADY_EXISTS);
        }
        IndividualNumber before = old.get().invoke(r -> r.individualNumber().orElse(null));
        NotificationOutcome superseded = old.get().invoke(r -> r.supersede(n, receivedAt, holders));
        if (!superseded.isApplied()) {
            return superseded;
        }
        createEntry(() -> ResidentIdentity.continueUnderNewCode(n, receivedAt), n, before);
        return NotificationOutcome.applied(NotificationOutcome.Effect.CURRENT_CHANGED, 1);
    }

    private void createEntry(Callable<ResidentIdentity> factory, IdentityNotification n,
                             IndividualNumber released) {
        try {
            repository.newInstance(factory);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create an identity entry", e);
        }
        if (n.record().individualNumber() != null) {
            holders.assign(n.record().individualNumber(), n.residentCode(), released);
        }
    }

    private Optional<Aggregate<ResidentIdentity>> load(ResidentCode code) {
        try {
            return Optional.of(repository.load(code.value()));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }
}
