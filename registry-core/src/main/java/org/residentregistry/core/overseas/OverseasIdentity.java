package org.residentregistry.core.overseas;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;
import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.notification.NotificationOutcome;
import org.residentregistry.core.notification.RejectionReason;

/**
 * One person's entry in the overseas-address file — 附票本人確認情報: the status, the managing municipality
 * (附票管理市町村) and what the rules of domain.md §2.3–2.4 need to remember. A rejection changes nothing.
 */
@AggregateRoot(type = "OverseasIdentity")
public class OverseasIdentity {

    /**
     * The event store's identifier of a person's overseas entry. Not the bare resident code: that identifies the
     * person's identity-file entry, and both share one event table whose key is (identifier, sequence).
     */
    public static String aggregateId(ResidentCode code) {
        return "overseas-" + code.value();
    }

    @AggregateIdentifier
    private String id;
    private OverseasStatus status;
    private MunicipalityCode managing;
    private int version;
    /** The last update sequence applied for this person, per municipality, for the order rule of §2.3. */
    private final Map<String, Long> lastSequence = new HashMap<>();

    protected OverseasIdentity() {
        // for Axon: an entry not yet in the file, or one about to be rebuilt from its events
    }

    /** Decides and, if accepted, applies a notification; the first one for a person must be a RECORD. */
    public NotificationOutcome handle(OverseasNotification n, Instant receivedAt) {
        MunicipalityCode from = n.key().municipalityCode();
        Long last = lastSequence.get(from.value());
        if (last != null && n.key().updateSequence() <= last) {
            return NotificationOutcome.rejected(RejectionReason.OUT_OF_ORDER);
        }
        if (id == null && n.changeKind() != ChangeKind.RECORD) {
            return NotificationOutcome.rejected(RejectionReason.UNKNOWN_RESIDENT);
        }
        RejectionReason reason = switch (n.changeKind()) {
            case RECORD -> status == OverseasStatus.CURRENT && managing.equals(from) ? RejectionReason.ALREADY_CURRENT : null;
            case MODIFY -> status == OverseasStatus.REMOVED ? RejectionReason.NOT_CURRENT : notManagedBy(from);
            case REMOVE -> status == OverseasStatus.REMOVED && managing.equals(from) ? RejectionReason.ALREADY_REMOVED
                    : notManagedBy(from);
        };
        if (reason == null && (n.changeDate().isBefore(n.record().birthDate())
                || n.changeDate().isAfter(n.notifiedAt().toLocalDate().plusDays(31)))) {
            reason = RejectionReason.INVALID_CHANGE_DATE;
        }
        if (reason != null) {
            return NotificationOutcome.rejected(reason);
        }
        int next = version + 1;
        apply(switch (n.changeKind()) {
            case RECORD -> new OverseasRecorded(n.residentCode(), next, n, receivedAt,
                    status == OverseasStatus.CURRENT ? managing : null);
            case MODIFY -> new OverseasModified(n.residentCode(), next, n, receivedAt);
            case REMOVE -> new OverseasRemoved(n.residentCode(), next, n, receivedAt);
        });
        return NotificationOutcome.applied(NotificationOutcome.Effect.CURRENT_CHANGED, next);
    }

    /** Only the managing municipality may change the record; a RECORD from another takes the annex over instead. */
    private RejectionReason notManagedBy(MunicipalityCode from) {
        return managing.equals(from) ? null : RejectionReason.NOT_HOLDER;
    }

    @EventSourcingHandler
    void on(OverseasEvent event) {
        id = aggregateId(event.residentCode());
        version = event.version();
        status = event.status();
        managing = event.managingMunicipality();
        lastSequence.merge(managing.value(), event.notification().key().updateSequence(), Math::max);
    }
}
