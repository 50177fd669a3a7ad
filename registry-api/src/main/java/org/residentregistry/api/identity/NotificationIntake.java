package org.residentregistry.api.identity;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.residentregistry.api.eventstore.PrefetchingJdbcEventStorageEngine;
import org.residentregistry.api.notification.CurrentRecordLocks;
import org.residentregistry.api.notification.JdbcNotificationLedger;
import org.residentregistry.api.notification.NotificationBatches;
import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.core.identity.ApplyIdentityNotification;
import org.residentregistry.core.identity.IdentityNotification;
import org.residentregistry.core.identity.IdentityNotificationHandler;
import org.residentregistry.core.notification.NotificationOutcome;
import org.residentregistry.projections.identity.IdentityFileProjection;
import org.springframework.stereotype.Service;

/**
 * Applies a municipal server's batch of identity-file notifications in one transaction ({@link NotificationBatches}),
 * having locked its persons' current records and read what its decisions need in three queries.
 */
@Service
public class NotificationIntake {

    private final NotificationBatches batches;
    private final CurrentRecordLocks locks;
    private final PrefetchingJdbcEventStorageEngine events;
    private final JdbcNotificationLedger ledger;
    private final JdbcIndividualNumberHolders holders;
    private final IdentityNotificationHandler handler;

    NotificationIntake(NotificationBatches batches, CurrentRecordLocks locks, PrefetchingJdbcEventStorageEngine events,
                       JdbcNotificationLedger ledger, JdbcIndividualNumberHolders holders,
                       IdentityNotificationHandler handler) {
        this.batches = batches;
        this.locks = locks;
        this.events = events;
        this.ledger = ledger;
        this.holders = holders;
        this.handler = handler;
    }

    public List<NotificationOutcome> apply(List<IdentityNotification> notifications) {
        return batches.apply(notifications, this::prefetch,
                (n, receivedAt) -> handler.handle(new ApplyIdentityNotification(n, receivedAt)));
    }

    /**
     * What the batch's decisions will read, in three queries instead of several per notification, after the lock on the
     * current records that keeps a purge from erasing what they read (both codes of a code change).
     */
    private void prefetch(List<IdentityNotification> notifications) {
        Set<String> residentCodes = new HashSet<>();
        Set<IndividualNumber> numbers = new HashSet<>();
        for (IdentityNotification n : notifications) {
            residentCodes.add(n.residentCode().value());
            if (n.previousResidentCode() != null) {
                residentCodes.add(n.previousResidentCode().value());
            }
            numbers.add(n.record().individualNumber());
        }
        locks.lock(IdentityFileProjection.CURRENT, residentCodes);
        events.prefetch(residentCodes);
        ledger.prefetch(notifications.stream().map(IdentityNotification::key).toList());
        holders.prefetch(numbers);
    }
}
