package org.residentregistry.api.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.residentregistry.api.support.Notifications.KAWAGUCHI;
import static org.residentregistry.api.support.Notifications.moveIn;

import java.util.List;
import java.util.Map;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.security.Role;
import org.residentregistry.api.support.Notifications;
import org.residentregistry.projections.statistics.UpdateStatisticsProjection;
import org.springframework.beans.factory.annotation.Autowired;

/** What operations see: health that reflects the event processors, and metrics without personal data. */
class OperationsTest extends ApiIntegrationTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void notificationsAreCountedByStatusAndReasonWithoutPersonalData() {
        String kawaguchi = administration.municipalServer(KAWAGUCHI);
        Map<String, Object> applied = moveIn(KAWAGUCHI);
        Map<String, Object> unknown = moveIn(KAWAGUCHI);
        unknown.put("changeReason", "DEATH");
        Notifications.send(http, kawaguchi, List.of(applied, unknown)).expect(200);

        String metrics = http.get("/actuator/prometheus", administration.account(Role.OPERATIONS)).expect(200).body();
        assertThat(metrics).containsPattern(
                "registry_notifications_total\\{[^}]*reason=\"UNKNOWN_RESIDENT\"[^}]*status=\"REJECTED\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("registry_notifications_total\\{[^}]*status=\"APPLIED\"[^}]*} [1-9]");
        assertThat(metrics).doesNotContain((String) applied.get("residentCode"))
                .doesNotContain((String) applied.get("individualNumber"));
        assertThat(http.get("/actuator/prometheus", kawaguchi).status()).isEqualTo(403);
    }

    @Test
    void healthIsDownWhileAStreamingProcessorIsStopped() throws InterruptedException {
        assertThat(http.get("/actuator/health", null).expect(200).json().get("status").asText()).isEqualTo("UP");
        StreamingEventProcessor statistics = processing
                .eventProcessor(UpdateStatisticsProjection.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        statistics.shutdownAsync().join();
        try {
            assertThat(http.get("/actuator/health", null).status()).isEqualTo(503);
        } finally {
            statistics.start();
        }
        assertThat(http.get("/actuator/health", null).expect(200).json().get("status").asText()).isEqualTo("UP");
    }
}
