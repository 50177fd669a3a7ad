package org.residentregistry.core.identity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;
import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.identity.ChangeReason.Category;
import org.residentregistry.core.notification.NotificationOutcome.Effect;
import org.residentregistry.core.notification.NotificationOutcome;
import org.residentregistry.core.notification.RejectionReason;

/**
 * One resident's entry in the identity file — 本人確認情報: the current record, the municipality holding it,
 * and what the rules of domain.md §2.2–2.3 need to remember. Each method decides a notification, applies
 * the event if it is accepted and answers the outcome; a rejection changes nothing.
 */
@AggregateRoot(type = "ResidentIdentity")
public class ResidentIdentity {

    @AggregateIdentifier
    private String residentCode;
    private ResidentStatus status;
    /** Holds the current record or, when removed, removed it. */
    private MunicipalityCode holder;
    private IdentityRecord record;
    private int version;
    private ResidentCode supersededBy;
    /** The last update sequence applied for this resident, per municipality, for the order rule of §2.3. */
    private final Map<String, Long> lastSequence = new HashMap<>();
    /** Municipalities that lost the record to another's take-over and whose 転出 may still arrive. */
    private final Set<String> awaitingMoveOut = new HashSet<>();

    protected ResidentIdentity() {
        // for Axon: an entry not yet in the file, or one about to be rebuilt from its events
    }

    /** Whether this resident code has no entry in the file yet. */
    public boolean isNew() {
        return residentCode == null;
    }

    /**
     * Decides the first notification for a resident code the file does not know. Only a record-category
     * notification can create an entry; the resident-code change creates one through {@link #continueUnderNewCode}.
     */
    public NotificationOutcome recordFirst(IdentityNotification n, Instant receivedAt, IndividualNumberHolders holders) {
        if (n.changeReason().category() != Category.RECORD) {
            return NotificationOutcome.rejected(RejectionReason.UNKNOWN_RESIDENT);
        }
        return acceptUnlessCommonRejection(n, holders, () -> new ResidentRecorded(n.residentCode(), 1, n, receivedAt, null));
    }

    /** Creates the entry of the new code of a resident-code change, once the old code accepted the change. */
    public NotificationOutcome continueUnderNewCode(IdentityNotification n, Instant receivedAt) {
        IdentityEvent event = new ResidentCodeChanged(n.residentCode(), 1, n, receivedAt);
        apply(event);
        return NotificationOutcome.applied(event.effect(), event.version());
    }

    /** Decides and applies a notification for this existing resident code (any reason but the code change). */
    public NotificationOutcome handle(IdentityNotification n, Instant receivedAt, IndividualNumberHolders holders) {
        Optional<NotificationOutcome> stale = rejectStale(n);
        if (stale.isPresent()) {
            return stale.get();
        }
        MunicipalityCode from = n.key().municipalityCode();
        return switch (n.changeReason().category()) {
            case RECORD -> record(n, receivedAt, from, holders);
            case MODIFY -> modify(n, receivedAt, from, holders);
            case REMOVE -> remove(n, receivedAt, from, holders);
            case RESTORE -> restore(n, receivedAt, from, holders);
        };
    }

    /**
     * Decides the old code's side of a resident-code change — 住民票コードの変更 — and, if accepted, removes this
     * code in favour of the new one. The caller has checked that the new code is not in the file.
     */
    public NotificationOutcome supersede(IdentityNotification n, Instant receivedAt, IndividualNumberHolders holders) {
        Optional<NotificationOutcome> rejection = rejectStale(n)
                .or(() -> rejectUnlessHeldBy(n.key().municipalityCode()))
                .or(() -> rejectOutOfScope(n))
                .or(() -> commonRejection(n, record.individualNumber(), holders));
        if (rejection.isPresent()) {
            return rejection.get();
        }
        apply(new ResidentCodeSuperseded(residentCodeValue(), version + 1, n, receivedAt, n.residentCode()));
        return NotificationOutcome.applied(Effect.CURRENT_CHANGED, version);
    }

    public Optional<IndividualNumber> individualNumber() {
        return Optional.ofNullable(record).map(IdentityRecord::individualNumber);
    }

    private NotificationOutcome record(IdentityNotification n, Instant receivedAt, MunicipalityCode from,
                                       IndividualNumberHolders holders) {
        if (n.changeReason() == ChangeReason.BIRTH || supersededBy != null) {
            return NotificationOutcome.rejected(RejectionReason.ALREADY_EXISTS);
        }
        if (status == ResidentStatus.CURRENT && holder.equals(from)) {
            return NotificationOutcome.rejected(RejectionReason.ALREADY_CURRENT);
        }
        return acceptUnlessCommonRejection(n, holders, () -> new ResidentRecorded(residentCodeValue(), version + 1, n,
                receivedAt, status == ResidentStatus.CURRENT ? holder : null));
    }

    private NotificationOutcome modify(IdentityNotification n, Instant receivedAt, MunicipalityCode from,
                                       IndividualNumberHolders holders) {
        if (n.changeReason() == ChangeReason.RESIDENT_CODE_CHANGE) {
            // The notification names the new code, which this entry already is: the code cannot change to itself.
            return NotificationOutcome.rejected(RejectionReason.ALREADY_EXISTS);
        }
        Optional<NotificationOutcome> rejection = rejectUnlessHeldBy(from).or(() -> rejectOutOfScope(n));
        return rejection.orElseGet(() -> acceptUnlessCommonRejection(n, holders,
                () -> new ResidentModified(residentCodeValue(), version + 1, n, receivedAt)));
    }

    private NotificationOutcome remove(IdentityNotification n, Instant receivedAt, MunicipalityCode from,
                                       IndividualNumberHolders holders) {
        if (n.changeReason() == ChangeReason.MOVE_OUT && awaitingMoveOut.contains(from.value())) {
            return acceptUnlessCommonRejection(n, holders,
                    () -> new RemovalKeptInHistory(residentCodeValue(), version + 1, n, receivedAt, status));
        }
        if (status == ResidentStatus.REMOVED) {
            return NotificationOutcome.rejected(holder.equals(from) ? RejectionReason.ALREADY_REMOVED : RejectionReason.NOT_HOLDER);
        }
        if (!holder.equals(from)) {
            return NotificationOutcome.rejected(RejectionReason.NOT_HOLDER);
        }
        return acceptUnlessCommonRejection(n, holders, () -> new ResidentRemoved(residentCodeValue(), version + 1, n, receivedAt));
    }

    private NotificationOutcome restore(IdentityNotification n, Instant receivedAt, MunicipalityCode from,
                                        IndividualNumberHolders holders) {
        if (status != ResidentStatus.REMOVED || !holder.equals(from) || supersededBy != null) {
            return NotificationOutcome.rejected(RejectionReason.NOT_RESTORABLE);
        }
        return acceptUnlessCommonRejection(n, holders, () -> new ResidentRestored(residentCodeValue(), version + 1, n, receivedAt));
    }

    private Optional<NotificationOutcome> rejectStale(IdentityNotification n) {
        Long last = lastSequence.get(n.key().municipalityCode().value());
        return last != null && n.key().updateSequence() <= last
                ? Optional.of(NotificationOutcome.rejected(RejectionReason.OUT_OF_ORDER))
                : Optional.empty();
    }

    private Optional<NotificationOutcome> rejectUnlessHeldBy(MunicipalityCode from) {
        if (status == ResidentStatus.REMOVED) {
            return Optional.of(NotificationOutcome.rejected(RejectionReason.NOT_CURRENT));
        }
        return holder.equals(from) ? Optional.empty() : Optional.of(NotificationOutcome.rejected(RejectionReason.NOT_HOLDER));
    }

    private Optional<NotificationOutcome> rejectOutOfScope(IdentityNotification n) {
        List<String> outOfScope = record.changedFields(n.record()).stream()
                .filter(path -> !n.changeReason().mayChange(path))
                .toList();
        return outOfScope.isEmpty() ? Optional.empty() : Optional.of(NotificationOutcome.outOfScope(outOfScope));
    }

    /** Applies the event unless a rule that every accepted notification must pass says no. */
    private NotificationOutcome acceptUnlessCommonRejection(IdentityNotification n, IndividualNumberHolders holders,
                                                            Supplier<IdentityEvent> event) {
        Optional<NotificationOutcome> rejection = commonRejection(n, record == null ? null : record.individualNumber(), holders);
        if (rejection.isPresent()) {
            return rejection.get();
        }
        IdentityEvent e = event.get();
        apply(e);
        return NotificationOutcome.applied(e.effect(), e.version());
    }

    /**
     * The change-date rule (§2.2 rule 10) and the individual-number rule (rule 8). The number is looked up
     * only when it differs from the one this code already holds.
     */
    private static Optional<NotificationOutcome> commonRejection(IdentityNotification n, IndividualNumber heldNumber,
                                                                 IndividualNumberHolders holders) {
        if (n.changeDate().isBefore(n.record().birthDate())
                || n.changeDate().isAfter(n.notifiedAt().toLocalDate().plusDays(31))) {
            return Optional.of(NotificationOutcome.rejected(RejectionReason.INVALID_CHANGE_DATE));
        }
        IndividualNumber number = n.record().individualNumber();
        if (number == null || number.equals(heldNumber)) {
            return Optional.empty();
        }
        Optional<ResidentCode> owner = holders.holderOf(number);
        // The number may be this entry's own, or pass from the old code to the new one in a code change.
        boolean otherHolder = owner.isPresent()
                && !owner.get().equals(n.residentCode())
                && !owner.get().equals(n.previousResidentCode());
        return otherHolder ? Optional.of(NotificationOutcome.rejected(RejectionReason.INDIVIDUAL_NUMBER_CONFLICT)) : Optional.empty();
    }

    private ResidentCode residentCodeValue() {
        return ResidentCode.of(residentCode);
    }

    @EventSourcingHandler
    void on(IdentityEvent event) {
        residentCode = event.residentCode().value();
        version = event.version();
        MunicipalityCode from = event.notification().key().municipalityCode();
        lastSequence.merge(from.value(), event.notification().key().updateSequence(), Math::max);
        if (event.effect() == Effect.HISTORY_ONLY) {
            awaitingMoveOut.remove(from.value());
            return;
        }
        if (event instanceof ResidentRecorded recorded && recorded.takenOverFrom() != null) {
            awaitingMoveOut.add(recorded.takenOverFrom().value());
        }
        if (event instanceof ResidentCodeSuperseded superseded) {
            supersededBy = superseded.supersededBy();
        } else {
            record = event.notification().record();
        }
        awaitingMoveOut.remove(from.value());
        status = event.status();
        holder = event.holder();
    }
}
