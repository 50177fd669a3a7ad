package org.residentregistry.api.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.residentregistry.api.HttpTestClient;
import org.residentregistry.api.RegistryIntegrationTest;
import org.residentregistry.api.admin.AdministrationFixture;
import org.residentregistry.api.support.Notifications;
import org.residentregistry.api.support.RegistryServerProcess;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The packaged server killed with SIGKILL in the middle of a purge run (one person per batch, so the run is caught
 * between batches), started again on the same data: the run resumes from its last committed batch and completes, each
 * expired version erased and counted once.
 */
class PurgeCrashIT {

    private static final Duration START = Duration.ofMinutes(3);
    private static final int PERSONS = 300;
    private static final String ADMIN = RegistryIntegrationTest.BOOTSTRAP_ADMIN_TOKEN;

    @Test
    void aRunKilledBetweenBatchesResumesAfterTheRestartAndCompletesOnce() throws Exception {
        try (RegistryServerProcess server = RegistryServerProcess.start(Path.of("target/it-data", UUID.randomUUID().toString()),
                "--registry.bootstrap-admin-token=" + ADMIN, "--registry.retention.superseded-version=PT1S",
                "--registry.retention.removed-person=PT1S", "--registry.retention.purge-schedule=-",
                "--registry.retention.purge-batch-size=1", "--registry.retention.purge-lease=PT2S",
                "--registry.retention.purge-poll=PT1S")) {
            server.awaitHealthy(START);
            HttpTestClient http = new HttpTestClient(server.uri("/"));
            String kawaguchi = new AdministrationFixture(http, ADMIN).municipalServer(Notifications.KAWAGUCHI);
            List<Map<String, Object>> first = new ArrayList<>();
            List<Map<String, Object>> second = new ArrayList<>();
            for (int i = 0; i < PERSONS; i++) {
                Map<String, Object> resident = Notifications.moveIn(Notifications.KAWAGUCHI);
                Map<String, Object> moved = Notifications.next(resident, Notifications.KAWAGUCHI, "MOVE_WITHIN");
                moved.put("address", Notifications.address("埼玉県川口市本町二丁目" + i + "番"));
                first.add(resident);
                second.add(moved);
            }
            Notifications.send(http, kawaguchi, first).expect(200);
            Notifications.send(http, kawaguchi, second).expect(200);
            Thread.sleep(1_100);

            String run = http.post("/api/v1/admin/purges", ADMIN, "{}").expect(202).json().get("id").asText();
            String path = "/api/v1/admin/purges/" + run;
            Instant deadline = Instant.now().plusSeconds(60);
            JsonNode beforeTheKill = http.get(path, ADMIN).expect(200).json();
            while (erasedVersions(beforeTheKill) == 0) {
                assertThat(Instant.now()).as("the run erases its first person").isBefore(deadline);
                Thread.sleep(20);
                beforeTheKill = http.get(path, ADMIN).expect(200).json();
            }
            server.kill();
            assertThat(beforeTheKill.get("state").asText()).as("killed in the middle of the run").isEqualTo("RUNNING");
            assertThat(erasedVersions(beforeTheKill)).isLessThan(PERSONS);
            server.restart();
            server.awaitHealthy(START);

            deadline = Instant.now().plusSeconds(120);
            JsonNode status = http.get(path, ADMIN).expect(200).json();
            while (!status.get("state").asText().equals("COMPLETED")) {
                assertThat(status.get("state").asText()).isEqualTo("RUNNING");
                assertThat(Instant.now()).as("the run completes after the restart").isBefore(deadline);
                Thread.sleep(200);
                status = http.get(path, ADMIN).expect(200).json();
            }
            assertThat(erasedVersions(status)).as("each expired version counted once").isEqualTo(PERSONS);
            assertThat(status.get("residentCodes").asLong()).isEqualTo(PERSONS);
            try (Connection connection = DriverManager.getConnection(server.postmaster().orElseThrow().jdbcUrl());
                 Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT count(*), count(DISTINCT aggregate_identifier),"
                         + " min(sequence_number) FROM domain_event_entry")) {
                rs.next();
                assertThat(rs.getLong(1)).as("one event per person is left").isEqualTo(PERSONS);
                assertThat(rs.getLong(2)).isEqualTo(PERSONS);
                assertThat(rs.getLong(3)).as("the second version's").isEqualTo(1);
            }
        }
    }

    private static long erasedVersions(JsonNode status) {
        JsonNode versions = status.get("erased").get("IDENTITY_FILE_VERSIONS");
        return versions == null ? 0 : versions.asLong();
    }
}
