package org.residentregistry.api.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.residentregistry.api.security.RegistryAccount;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.notification.NotificationKey;
import org.residentregistry.core.notification.NotificationOutcome;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The answer to a batch of notifications of either file: one result per item, in order (interface.md). */
public record NotificationResults(List<NotificationResult> results) {

    /** An item's result; {@code fields} (an addition to the interface) names the fields out of scope. */
    public record NotificationResult(long updateSequence, String residentCode, String status, String effect,
                                     String reason, List<String> fields, Integer version) {

        static NotificationResult of(NotificationKey key, ResidentCode residentCode, NotificationOutcome o) {
            return new NotificationResult(key.updateSequence(), residentCode.value(), o.status().name(),
                    o.effect() == null ? null : o.effect().name(),
                    o.reason() == null ? null : o.reason().name(),
                    o.fields().isEmpty() ? null : o.fields(), o.version());
        }
    }

    /** A notification as the answer needs it: its key and resident code. */
    public record Item(NotificationKey key, ResidentCode residentCode) {
    }

    /**
     * Applies a batch for the calling municipal server and answers its results, counted in the metrics under
     * {@code file}. An item from another municipality refuses the whole batch (403) before anything is applied.
     */
    public static <N> NotificationResults apply(List<N> notifications, Function<N, Item> item, RegistryAccount caller,
                                                Function<List<N>, List<NotificationOutcome>> intake,
                                                NotificationMetrics metrics, String file) {
        List<Item> items = notifications.stream().map(item).toList();
        for (Item i : items) {
            if (!i.key().municipalityCode().value().equals(caller.municipalityCode())) {
                throw new ErrorResponseException(HttpStatus.FORBIDDEN, ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                        "A municipal server may notify for its own municipality only; nothing was applied."), null);
            }
        }
        List<NotificationOutcome> outcomes = intake.apply(notifications);
        metrics.count(file, outcomes);
        List<NotificationResult> results = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            results.add(NotificationResult.of(items.get(i).key(), items.get(i).residentCode(), outcomes.get(i)));
        }
        return new NotificationResults(results);
    }
}
