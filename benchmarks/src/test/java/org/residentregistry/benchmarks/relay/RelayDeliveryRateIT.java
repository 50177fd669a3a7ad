package org.residentregistry.benchmarks.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.residentregistry.api.HttpTestClient;
import org.residentregistry.api.support.Notifications;
import org.residentregistry.api.support.RegistryServerProcess;
import org.residentregistry.api.support.relay.SimulatedNationalServer;

/**
 * The relay's delivery rate to the simulated national server: the packaged server takes {@code relay.residents}
 * move-ins (default 2,000; run with {@code -Drelay.residents=100000} for the figure in the README) while the
 * simulated server is away, so the whole load waits in the outbox; then it comes back, and the time until the
 * last change is applied gives the rate. A second phase ingests as many again with the simulated server up and
 * reports how far the relay was behind when ingest ended. Figures go to standard output.
 */
class RelayDeliveryRateIT {

    private static final int RESIDENTS = Integer.getInteger("relay.residents", 2_000);
    private static final int BATCH = 1_000;
    private static final String ADMIN_TOKEN = "relay-harness-bootstrap-admin-token-0123456789";

    @Test
    void deliversTheBacklogAndKeepsUpWithIngest() throws Exception {
        Path dataDir = Path.of("target/relay-rate", UUID.randomUUID().toString());
        try (SimulatedNationalServer national = SimulatedNationalServer.start();
             RegistryServerProcess server = RegistryServerProcess.start(dataDir,
                     "--registry.bootstrap-admin-token=" + ADMIN_TOKEN,
                     "--registry.relay.enabled=true", "--registry.relay.identity.url=" + national.uri("identity"),
                     // The drain measures delivery, not how long the partitions' back-off has grown during the outage.
                     "--registry.relay.backoff.max=2s")) {
            server.awaitHealthy(Duration.ofMinutes(3));
            HttpTestClient http = new HttpTestClient(server.uri("/"));
            String municipalServer = "relay-harness-municipal-server-token-0123456789";
            http.post("/api/v1/admin/accounts", ADMIN_TOKEN, "{\"id\": \"kawaguchi-cs\", \"role\": \"MUNICIPAL_CS\","
                    + " \"municipalityCode\": \"" + Notifications.KAWAGUCHI + "\", \"token\": \"" + municipalServer + "\"}").expect(201);

            national.goAway();
            double ingestAway = ingest(http, municipalServer);
            long start = System.nanoTime();
            national.comeBack();
            awaitApplied(national, RESIDENTS);
            double drainSeconds = (System.nanoTime() - start) / 1e9;

            double ingestUp = ingest(http, municipalServer);
            long ingestEnded = System.nanoTime();
            int behind = 2 * RESIDENTS - national.applied().size();
            awaitApplied(national, 2 * RESIDENTS);
            double catchUpSeconds = (System.nanoTime() - ingestEnded) / 1e9;

            System.out.printf("RELAY %d residents: backlog delivered in %.1f s = %.0f changes/s (%d calls); ingest %.0f/s"
                            + " with the national server away, %.0f/s with it up; %d changes behind when ingest ended,"
                            + " caught up %.1f s later%n", RESIDENTS, drainSeconds, RESIDENTS / drainSeconds,
                    national.calls(), ingestAway, ingestUp, behind, catchUpSeconds);
            assertThat(national.outOfOrder()).isZero();
            assertThat(national.duplicates()).isZero();
        }
    }

    /** Sends {@link #RESIDENTS} move-ins in batches of 1,000 from one client; answers notifications per second. */
    private static double ingest(HttpTestClient http, String token) {
        long start = System.nanoTime();
        for (int sent = 0; sent < RESIDENTS; sent += BATCH) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < Math.min(BATCH, RESIDENTS - sent); i++) {
                batch.add(Notifications.moveIn(Notifications.KAWAGUCHI));
            }
            Notifications.send(http, token, batch).expect(200);
        }
        return RESIDENTS / ((System.nanoTime() - start) / 1e9);
    }

    private static void awaitApplied(SimulatedNationalServer national, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (national.applied().size() < count) {
            assertThat(System.nanoTime()).as("all changes applied in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
