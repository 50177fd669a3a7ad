package org.residentregistry.api.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.residentregistry.api.input.JsonInput;
import org.residentregistry.api.problem.FieldErrors;

/**
 * The envelope of a batch of notifications, either file's: {@code {"notifications": [...]}} with 1 to 1,000 items.
 * All or nothing: every item is read and checked, and one bad field anywhere fails the batch with every error listed.
 */
public final class NotificationEnvelope {

    public static final int MAX_BATCH = 1000;

    private static final Set<String> FIELDS = Set.of("notifications");

    /** Reads one item at {@code path} (such as {@code notifications[3]}), reporting its errors to {@code in}. */
    @FunctionalInterface
    public interface ItemReader<T> {
        T read(JsonInput in, JsonNode item, String path);
    }

    private NotificationEnvelope() {
    }

    public static <T> List<T> read(JsonNode body, ItemReader<T> itemReader) {
        JsonInput in = new JsonInput();
        if (body == null || !body.isObject()) {
            in.reject("", FieldErrors.WRONG_TYPE, "the body must be a JSON object with a notifications array");
            in.throwIfInvalid();
        }
        in.rejectUnknownFields(body, "", FIELDS);
        JsonNode items = body.get("notifications");
        if (items == null || !items.isArray()) {
            in.reject("notifications", FieldErrors.REQUIRED, "must be an array of notifications");
        } else if (items.isEmpty() || items.size() > MAX_BATCH) {
            in.reject("notifications", FieldErrors.INVALID_VALUE, "must hold 1 to " + MAX_BATCH + " notifications");
        }
        in.throwIfInvalid();
        List<T> notifications = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String path = "notifications[" + i + "]";
            JsonNode item = items.get(i);
            if (item.isObject()) {
                notifications.add(itemReader.read(in, item, path));
            } else {
                in.reject(path, FieldErrors.WRONG_TYPE, "must be an object");
            }
        }
        in.throwIfInvalid();
        return notifications;
    }
}
