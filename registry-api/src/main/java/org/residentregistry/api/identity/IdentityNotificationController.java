package org.residentregistry.api.identity;

import com.fasterxml.jackson.databind.JsonNode;
import org.residentregistry.api.notification.NotificationMetrics;
import org.residentregistry.api.notification.NotificationResults;
import org.residentregistry.api.security.RegistryAccount;
import org.residentregistry.core.identity.IdentityNotification;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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
        return NotificationResults.apply(reader.read(body),
                (IdentityNotification n) -> new NotificationResults.Item(n.key(), n.residentCode()),
                account, intake::apply, metrics, "identity");
    }
}
