package org.residentregistry.replay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.residentregistry.core.identity.IdentityEvent;
import org.residentregistry.core.notification.NotificationOutcome.Effect;

/**
 * One resident code's events, in sequence order, replayed. Every event carries the whole record as it stands
 * after it, so the record at any instant is that of one event: no state needs folding.
 */
record ResidentEvents(String residentCode, List<IdentityEvent> events) {

    /** The resident code's stored events (in sequence order), read back. */
    static ResidentEvents decode(String residentCode, List<StoredEvent> stored) throws UnreadableEventException {
        List<IdentityEvent> events = new ArrayList<>(stored.size());
        for (StoredEvent event : stored) {
            events.add(IdentityEvents.decode(event));
        }
        return new ResidentEvents(residentCode, events);
    }

    /**
     * The version that made the record as the file held it at {@code instant}, by the server's rule for
     * {@code asOf}: the last version (by number) that changed the current record among those received by then.
     */
    Optional<IdentityEvent> asOf(Instant instant) {
        return events.stream()
                .filter(e -> e.effect() == Effect.CURRENT_CHANGED && !e.receivedAt().isAfter(instant))
                .max(Comparator.comparingInt(IdentityEvent::version));
    }

    /** The version that made the current record: what identity_current must hold. */
    Optional<IdentityEvent> current() {
        return asOf(Instant.MAX);
    }

    Optional<Instant> firstReceivedAt() {
        return events.stream().map(IdentityEvent::receivedAt).min(Comparator.naturalOrder());
    }
}
