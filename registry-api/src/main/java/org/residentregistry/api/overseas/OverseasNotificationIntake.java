package org.residentregistry.api.overseas;

import java.util.List;

import org.axonframework.eventsourcing.EventSourcingRepository;
import org.residentregistry.api.eventstore.PrefetchingJdbcEventStorageEngine;
import org.residentregistry.api.notification.CurrentRecordLocks;
import org.residentregistry.api.notification.JdbcNotificationLedger;
import org.residentregistry.api.notification.NotificationBatches;
import org.residentregistry.core.notification.NotificationOutcome;
import org.residentregistry.core.overseas.ApplyOverseasNotification;
import org.residentregistry.core.overseas.OverseasIdentity;
import org.residentregistry.core.overseas.OverseasNotification;
import org.residentregistry.core.overseas.OverseasNotificationHandler;
import org.residentregistry.projections.overseas.OverseasFileQueries;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Applies a managing municipality's batch of overseas notifications in one transaction ({@link NotificationBatches}),
 * with the overseas file's own ledger of keys, overseas_notification: a municipality numbers its annex notifications
 * in a stream of their own, apart from its resident-register notifications.
 */
@Service
class OverseasNotificationIntake {

    static final String LEDGER_TABLE = "overseas_notification";

    private final NotificationBatches batches;
    private final CurrentRecordLocks locks;
    private final PrefetchingJdbcEventStorageEngine events;
    private final JdbcNotificationLedger ledger;
    private final OverseasNotificationHandler handler;

    OverseasNotificationIntake(NotificationBatches batches, CurrentRecordLocks locks,
                               PrefetchingJdbcEventStorageEngine events, JdbcTemplate jdbc,
                               EventSourcingRepository<OverseasIdentity> repository) {
        this.batches = batches;
        this.locks = locks;
        this.events = events;
        this.ledger = new JdbcNotificationLedger(jdbc, LEDGER_TABLE);
        this.handler = new OverseasNotificationHandler(repository, ledger);
    }

    List<NotificationOutcome> apply(List<OverseasNotification> notifications) {
        return batches.apply(notifications, this::prefetch,
                (n, receivedAt) -> handler.handle(new ApplyOverseasNotification(n, receivedAt)));
    }

    /** The entries' events and the ledger's keys, in two queries, after the lock on their current records. */
    private void prefetch(List<OverseasNotification> notifications) {
        locks.lock(OverseasFileQueries.CURRENT, notifications.stream().map(n -> n.residentCode().value()).distinct().toList());
        events.prefetch(notifications.stream().map(n -> OverseasIdentity.aggregateId(n.residentCode())).distinct().toList());
        ledger.prefetch(notifications.stream().map(OverseasNotification::key).toList());
    }
}
