package org.residentregistry.replay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One resident code's events in one file, in sequence order, replayed. Every event carries the whole record as it
 * stands after it, so the record at any instant is that of one event: no state needs folding.
 */
record ResidentEvents<E>(String residentCode, FileEvents<E> file, List<E> events) {

    /** The resident code's stored events of that file (in sequence order), read back. */
    static <E> ResidentEvents<E> decode(String residentCode, FileEvents<E> file, List<StoredEvent> stored)
            throws UnreadableEventException {
        List<E> events = new ArrayList<>(stored.size());
        for (StoredEvent event : stored) {
            events.add(file.decode(event));
        }
        return new ResidentEvents<>(residentCode, file, events);
    }

    /**
     * The version that made the record as the file held it at {@code instant}, by the server's rule for
     * {@code asOf}: the last version (by number) that changed the current record among those received by then.
     */
    Optional<E> asOf(Instant instant) {
        return events.stream()
                .filter(e -> file.changesCurrent.test(e) && !file.receivedAt.apply(e).isAfter(instant))
                .max(Comparator.comparingInt(file.version));
    }

    /** The version that made the current record: what the file's current-record table must hold. */
    Optional<E> current() {
        return asOf(Instant.MAX);
    }

    Optional<Instant> firstReceivedAt() {
        return events.stream().map(file.receivedAt).min(Comparator.naturalOrder());
    }
}
