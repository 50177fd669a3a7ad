package org.residentregistry.benchmarks.prefecture;

import java.util.List;

/** The body of one {@code POST /identity/notifications}: 1 to 1000 notifications of one municipality. */
public record NotificationBatch(List<Notification> notifications) {

    public static final int MAX_ITEMS = 1000;

    public NotificationBatch {
        if (notifications.isEmpty() || notifications.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_ITEMS + " notifications");
        }
        notifications = List.copyOf(notifications);
    }
}
