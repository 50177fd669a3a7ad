package org.residentregistry.benchmarks.prefecture;

import java.time.Instant;

/**
 * A notification as one row of a plain event table (aggregate, sequence, type, time, payload), to compare an
 * event store's append with the simplest table that could hold the same events.
 *
 * @param aggregateId the resident code
 * @param sequence    the event's position among the resident's events, 0 for their first
 * @param type        the change reason
 * @param payload     the notification's JSON, as sent
 */
public record EventRow(String aggregateId, long sequence, String type, Instant timestamp, byte[] payload) {

    public static EventRow of(Notification notification, long sequence, NotificationJson json) {
        return new EventRow(notification.residentCode().value(), sequence, notification.changeReason().name(),
                notification.notifiedAt().toInstant(), json.bytes(notification));
    }

    /** A resident's first event: their notification in the initial load. */
    public static EventRow first(Notification notification, NotificationJson json) {
        return of(notification, 0, json);
    }

    /** Only the key: the payload's personal data stays out of logs and test reports. */
    @Override
    public String toString() {
        return "EventRow[#" + sequence + " " + type + "]";
    }
}
