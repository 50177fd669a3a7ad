package org.residentregistry.api.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.residentregistry.api.support.Notifications.KAWAGUCHI;
import static org.residentregistry.api.support.Notifications.moveIn;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.security.Role;
import org.residentregistry.api.support.Notifications;
import org.residentregistry.projections.statistics.UpdateStatisticsProjection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.context.support.ServletRequestHandledEvent;

/** What operations see: health that reflects the event processors, and metrics without personal data. */
class OperationsTest extends ApiIntegrationTest {

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ConfigurableApplicationContext context;

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
    void requestsAreTimedByRouteWithoutObservingEachSecurityFilter() {
        String operations = administration.account(Role.OPERATIONS);
        http.get("/api/v1/admin/statistics/updates", administration.account(Role.ADMINISTRATOR)).expect(200);

        String metrics = http.get("/actuator/prometheus", operations).expect(200).body();
        assertThat(metrics).containsPattern(
                "http_server_requests_seconds_count\\{[^}]*uri=\"/api/v1/admin/statistics/updates\"[^}]*} [1-9]");
        // Spring Security's observations would cost every request one per filter, for traces nobody collects; a
        // long-task timer of the requests in flight, a second meter looked up for each, is not kept either.
        assertThat(metrics).doesNotContain("spring_security_").doesNotContain("http_server_requests_active");
    }

    @Test
    void aRequestPublishesNoHandledEventThatNobodyListensTo() {
        // Spring MVC publishes one per request by default, to every listener of the context: 2% of a query's CPU.
        List<ServletRequestHandledEvent> handled = new CopyOnWriteArrayList<>();
        ApplicationListener<ServletRequestHandledEvent> listener = handled::add;
        context.addApplicationListener(listener);
        try {
            http.get("/api/v1/admin/statistics/updates", administration.account(Role.ADMINISTRATOR)).expect(200);
        } finally {
            context.removeApplicationListener(listener);
        }
        assertThat(handled).isEmpty();
    }

    /** Kumagaya: no other test notifies for it, so its counts are this test's alone. */
    private static final String KUMAGAYA = "112020";

    @Test
    void administratorsReadUpdateCountsByMunicipalityReasonAndDay() {
        String kumagaya = administration.municipalServer(KUMAGAYA);
        String admin = administration.account(Role.ADMINISTRATOR);
        Map<String, Object> first = moveIn(KUMAGAYA);
        Map<String, Object> second = moveIn(KUMAGAYA);
        Notifications.send(http, kumagaya, List.of(first, second)).expect(200);
        // Counted in the transaction that applied them: readable as soon as the batch is acknowledged.
        assertThat(kumagayaMoveIns(admin)).isEqualTo(2);

        // §2.3: gaps in a municipality's sequence are allowed but visible: the numbers below its highest never applied.
        long gaps = (Long) second.get("updateSequence") - 2;
        String operations = administration.account(Role.OPERATIONS);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/actuator/prometheus", operations).expect(200).body()
                .contains("registry_notification_sequence_gaps{municipality=\"" + KUMAGAYA + "\"} " + gaps + ".0"));
        assertThat(http.get("/api/v1/admin/statistics/updates?from=2026-02-01&to=2025-01-01", admin).status()).isEqualTo(400);
    }

    private long kumagayaMoveIns(String adminToken) {
        JsonNode updates = http.get("/api/v1/admin/statistics/updates", adminToken).expect(200).json().get("updates");
        long count = 0;
        for (JsonNode row : updates) {
            if (row.get("municipalityCode").asText().equals(KUMAGAYA) && row.get("changeReason").asText().equals("MOVE_IN")) {
                count += row.get("applied").asLong();
            }
        }
        return count;
    }

    @Test
    void healthIsDownWhileAnEventProcessorIsStopped() {
        assertThat(http.get("/actuator/health", null).expect(200).json().get("status").asText()).isEqualTo("UP");
        EventProcessor statistics = processing.eventProcessor(UpdateStatisticsProjection.PROCESSING_GROUP).orElseThrow();
        statistics.shutDown();
        try {
            assertThat(http.get("/actuator/health", null).status()).isEqualTo(503);
        } finally {
            statistics.start();
        }
        assertThat(http.get("/actuator/health", null).expect(200).json().get("status").asText()).isEqualTo("UP");
    }
}
