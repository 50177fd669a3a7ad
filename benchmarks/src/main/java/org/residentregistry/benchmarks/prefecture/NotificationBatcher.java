package org.residentregistry.benchmarks.prefecture;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.residentregistry.core.codes.MunicipalityCode;

/**
 * Groups notifications into request bodies as municipal servers send them: each municipality gathers its own
 * notifications, in the order it produced them, and sends them when it has {@code maxItems} or when the oldest has
 * waited {@code maxWait} (measured on the notifications' own clock, the latest {@code notifiedAt} seen). Batches
 * leave in the order their first notification arrived, so that what one municipality sent before another's later
 * notification still reaches the registry first whenever the two are more than {@code maxWait} apart.
 */
public final class NotificationBatcher implements Iterator<NotificationBatch> {

    /** A municipality's CS sends its initial load in full batches: nothing waits for a clock. */
    public static final Duration INITIAL_LOAD_WAIT = Duration.ofDays(1);
    /** After the initial load a CS sends what it has at least every hour. */
    public static final Duration CHANGES_WAIT = Duration.ofHours(1);

    private final Iterator<Notification> notifications;
    private final int maxItems;
    private final Duration maxWait;

    /** Open batches by municipality, oldest first; each remembers when it was opened. */
    private final Map<MunicipalityCode, OpenBatch> open = new LinkedHashMap<>();
    private final ArrayDeque<NotificationBatch> ready = new ArrayDeque<>();
    private OffsetDateTime clock;

    private record OpenBatch(OffsetDateTime openedAt, List<Notification> items) {
    }

    public NotificationBatcher(Iterator<Notification> notifications, int maxItems, Duration maxWait) {
        if (maxItems < 1 || maxItems > NotificationBatch.MAX_ITEMS) {
            throw new IllegalArgumentException("a batch holds 1 to " + NotificationBatch.MAX_ITEMS + " notifications");
        }
        this.notifications = notifications;
        this.maxItems = maxItems;
        this.maxWait = maxWait;
    }

    public static Stream<NotificationBatch> batches(Stream<Notification> notifications, int maxItems,
                                                    Duration maxWait) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(
                new NotificationBatcher(notifications.iterator(), maxItems, maxWait),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && notifications.hasNext()) {
            add(notifications.next());
        }
        if (ready.isEmpty()) {
            open.values().forEach(batch -> ready.add(new NotificationBatch(batch.items())));
            open.clear();
        }
        return !ready.isEmpty();
    }

    @Override
    public NotificationBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void add(Notification notification) {
        if (clock == null || notification.notifiedAt().isAfter(clock)) {
            clock = notification.notifiedAt();
            sendWaitedTooLong();
        }
        OpenBatch batch = open.computeIfAbsent(notification.municipalityCode(),
                municipality -> new OpenBatch(clock, new ArrayList<>()));
        batch.items().add(notification);
        if (batch.items().size() == maxItems) {
            open.remove(notification.municipalityCode());
            ready.add(new NotificationBatch(batch.items()));
        }
    }

    private void sendWaitedTooLong() {
        OffsetDateTime deadline = clock.minus(maxWait);
        Iterator<OpenBatch> oldestFirst = open.values().iterator();
        while (oldestFirst.hasNext()) {
            OpenBatch batch = oldestFirst.next();
            if (batch.openedAt().isAfter(deadline)) {
                return;
            }
            ready.add(new NotificationBatch(batch.items()));
            oldestFirst.remove();
        }
    }
}
