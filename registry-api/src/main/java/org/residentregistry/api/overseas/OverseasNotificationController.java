package org.residentregistry.api.overseas;

import com.fasterxml.jackson.databind.JsonNode;
import org.residentregistry.api.notification.NotificationMetrics;
import org.residentregistry.api.notification.NotificationResults;
import org.residentregistry.api.security.RegistryAccount;
import org.residentregistry.core.overseas.OverseasNotification;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Managing municipalities' annex notifications for the overseas file (interface.md, Notifications). */
@RestController
@RequestMapping("/api/v1/overseas/notifications")
class OverseasNotificationController {

    private final OverseasNotificationReader reader;
    private final OverseasNotificationIntake intake;
    private final NotificationMetrics metrics;

    OverseasNotificationController(OverseasNotificationReader reader, OverseasNotificationIntake intake,
                                   NotificationMetrics metrics) {
        this.reader = reader;
        this.intake = intake;
        this.metrics = metrics;
    }

    /** One result per item, in order. A 200 means every APPLIED item is committed, durably. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    NotificationResults notify(@RequestBody JsonNode body, @AuthenticationPrincipal RegistryAccount account) {
        return NotificationResults.apply(reader.read(body),
                (OverseasNotification n) -> new NotificationResults.Item(n.key(), n.residentCode()),
                account, intake::apply, metrics, "overseas");
    }
}
