package org.residentregistry.api.bulkprovision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.HttpTestClient;
import org.residentregistry.api.RegistryIntegrationTest;
import org.residentregistry.api.admin.AdministrationFixture;
import org.residentregistry.api.admin.AdministrationFixture.Operator;
import org.residentregistry.api.support.Notifications;
import org.residentregistry.api.support.RegistryServerProcess;

/**
 * The packaged server, killed with SIGKILL in the middle of a 10,000-row bulk query, finishes the job once started
 * again, with every row in the provision log exactly once and in the result.
 */
class BulkProvisionCrashIT {

    // Generous: on a machine shared with other builds a start has taken over a minute.
    private static final Duration START = Duration.ofMinutes(3);

    private final Path dataDir = Path.of("target/it-data", UUID.randomUUID().toString());

    @Test
    void aJobInterruptedByAKillIsFinishedAfterTheRestartWithEveryRowLoggedOnce() throws Exception {
        try (RegistryServerProcess server = RegistryServerProcess.start(dataDir,
                "--registry.bootstrap-admin-token=" + RegistryIntegrationTest.BOOTSTRAP_ADMIN_TOKEN,
                "--registry.bulk-queries.chunk-size=200", "--registry.bulk-queries.lease=PT5S")) {
            server.awaitHealthy(START);
            HttpTestClient http = new HttpTestClient(server.uri("/"));
            AdministrationFixture administration = new AdministrationFixture(http, RegistryIntegrationTest.BOOTSTRAP_ADMIN_TOKEN);
            BulkQueryFile file = new BulkQueryFile();
            Notifications.send(http, administration.municipalServer(Notifications.KAWAGUCHI), file.residents).expect(200);
            Operator operator = administration.operator(true, "IDENTITY");
            String id = BulkQueryFile.submit(http, operator.token(), operator.affair(), file.csv(10_000))
                    .expect(202).json().get("id").asText();

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                    .until(() -> progress(http, operator, id).get("processed").asInt() >= 2_000);
            JsonNode beforeKill = progress(http, operator, id);
            server.kill();
            assertThat(beforeKill.get("processed").asInt()).as("killed mid-job").isLessThan(10_000);
            server.restart();
            server.awaitHealthy(START);

            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> progress(http, operator, id).get("status").asText().equals("DONE"));
            assertThat(http.get("/api/v1/identity/bulk-queries/" + id + "/result", operator.token()).expect(200)
                    .body().lines().skip(1).map(line -> line.substring(0, line.indexOf(','))).distinct().count())
                    .isEqualTo(10_000);
            try (Connection connection = DriverManager.getConnection(server.postmaster().orElseThrow().jdbcUrl());
                 PreparedStatement entries = connection.prepareStatement("SELECT count(DISTINCT criteria->>'row'),"
                         + " count(*) FROM provision_log WHERE criteria->>'bulkQueryId' = ? AND criteria->>'row' IS NOT NULL")) {
                entries.setString(1, id);
                try (ResultSet counts = entries.executeQuery()) {
                    counts.next();
                    assertThat(counts.getLong(1)).as("rows logged").isEqualTo(10_000);
                    assertThat(counts.getLong(2)).as("entries").isEqualTo(10_000);
                }
            }
            server.stop(Duration.ofSeconds(30));
        }
    }

    private static JsonNode progress(HttpTestClient http, Operator operator, String id) {
        return http.get("/api/v1/identity/bulk-queries/" + id, operator.token()).expect(200).json();
    }
}
