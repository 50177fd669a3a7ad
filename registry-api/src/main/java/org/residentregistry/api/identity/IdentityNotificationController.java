package org.residentregistry.api.identity;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.residentregistry.api.security.RegistryAccount;
import org.residentregistry.core.identity.IdentityNotification;
import org.residentregistry.core.notification.NotificationOutcome;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Municipal servers' change notifications for the identity file (interface.md, Notifications). */
@RestController
@RequestMapping("/api/v1/identity/notifications")
class IdentityNotificationController {

    private final IdentityNotificationReader reader;
    private final NotificationIntake intake;
    private final NotificationMetrics metrics;

    IdentityNotificationController(IdentityNotificationReader reader, NotificationIntake intake, NotificationMetrics metrics) {
        this.reader = reader;
        this.intake = intake;
        this.metrics = metrics;
    }

    /** One result per item, in order. A 200 means every APPLIED item is committed, durably. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    NotificationResults notify(@RequestBody JsonNode body, @AuthenticationPrincipal RegistryAccount account) {
        List<IdentityNotification> notifications = reader.read(body);
        for (IdentityNotification n : notifications) {
            if (!n.key().municipalityCode().value().equals(account.municipalityCode())) {
                throw new ErrorResponseException(HttpStatus.FORBIDDEN, ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                        "A municipal server may notify for its own municipality only; nothing was applied."), null);
            }
        }
        List<NotificationOutcome> outcomes = intake.apply(notifications);
        metrics.count("identity", outcomes);
        List<NotificationResult> results = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            results.add(NotificationResult.of(notifications.get(i), outcomes.get(i)));
        }
        return new NotificationResults(results);
    }

    record NotificationResults(List<NotificationResult> results) {
    }

    /** An item's result; {@code fields} (an addition to the interface) names the fields out of scope. */
    record NotificationResult(long updateSequence, String residentCode, String status, String effect, String reason,
                              List<String> fields, Integer version) {

        static NotificationResult of(IdentityNotification n, NotificationOutcome o) {
            return new NotificationResult(n.key().updateSequence(), n.residentCode().value(), o.status().name(),
                    o.effect() == null ? null : o.effect().name(),
                    o.reason() == null ? null : o.reason().name(),
                    o.fields().isEmpty() ? null : o.fields(), o.version());
        }
    }
}
