package org.residentregistry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.residentregistry.api.admin.AdministrationFixture;
import org.residentregistry.api.support.Notifications;
import org.residentregistry.api.support.RegistryServerProcess;
import org.residentregistry.api.support.relay.SimulatedNationalServer;
import org.residentregistry.api.support.relay.SimulatedNationalServer.Applied;

/**
 * The packaged server relaying to the simulated national server, killed with SIGKILL while calls are out (the
 * simulated server applies a call's changes and holds its answer until the relay is dead), then started again: every change is
 * applied once, in order per person, and what was in flight at the kill is sent again and known by its key.
 */
class RelayCrashIT {

    private final Path dataDir = Path.of("target/it-data", UUID.randomUUID().toString());

    @Test
    void aRelayKilledMidDeliveryLosesNothingReordersNothingAndItsResendsAreDuplicates() throws Exception {
        try (SimulatedNationalServer national = SimulatedNationalServer.start();
             RegistryServerProcess server = RegistryServerProcess.start(dataDir,
                     "--registry.bootstrap-admin-token=" + RegistryIntegrationTest.BOOTSTRAP_ADMIN_TOKEN,
                     "--registry.relay.enabled=true", "--registry.relay.identity.url=" + national.uri("identity"),
                     "--registry.relay.batch-size=20", "--registry.relay.poll-interval=50ms",
                     "--registry.relay.lease=5s", "--registry.relay.backoff.initial=100ms")) {
            national.holdAnswersOnceApplied(100);
            server.awaitHealthy(Duration.ofMinutes(3));
            HttpTestClient http = new HttpTestClient(server.uri("/"));
            String kawaguchi = new AdministrationFixture(http,
                    RegistryIntegrationTest.BOOTSTRAP_ADMIN_TOKEN).municipalServer(Notifications.KAWAGUCHI);
            List<Map<String, Object>> residents = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                residents.add(Notifications.moveIn(Notifications.KAWAGUCHI));
            }
            Notifications.send(http, kawaguchi, residents).expect(200);
            List<Map<String, Object>> moves = residents.stream()
                    .map(n -> Notifications.next(n, Notifications.KAWAGUCHI, "EX_OFFICIO_CORRECTION")).toList();
            Notifications.send(http, kawaguchi, moves).expect(200);

            await().atMost(Duration.ofSeconds(60)).until(() -> national.applied().size() >= 100);
            server.kill();
            int appliedAtKill = national.applied().size();
            assertThat(appliedAtKill).as("killed mid-delivery").isLessThan(1000);

            national.releaseAnswers();
            server.restart();
            server.awaitHealthy(Duration.ofMinutes(3));
            await().atMost(Duration.ofSeconds(90)).until(() -> national.applied().size() == 1000);

            Map<String, List<Integer>> versions = national.applied().stream().collect(Collectors.groupingBy(
                    Applied::residentCode, Collectors.mapping(Applied::version, Collectors.toList())));
            assertThat(versions).hasSize(500).allSatisfy((person, list) -> assertThat(list).containsExactly(1, 2));
            assertThat(national.outOfOrder()).isZero();
            assertThat(national.duplicates()).as("the calls out at the kill were sent again").isPositive();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    http.get("/api/v1/admin/relay", RegistryIntegrationTest.BOOTSTRAP_ADMIN_TOKEN).expect(200).body())
                    .contains("\"enabled\":true", "\"pending\":0,\"parked\":0"));
        }
    }
}
