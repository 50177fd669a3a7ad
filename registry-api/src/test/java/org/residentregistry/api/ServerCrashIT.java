package org.residentregistry.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.residentregistry.api.HttpTestClient.Reply;
import org.residentregistry.api.admin.AdministrationFixture;
import org.residentregistry.api.admin.AdministrationFixture.Operator;
import org.residentregistry.api.support.Notifications;
import org.residentregistry.api.support.Postmaster;
import org.residentregistry.api.support.RegistryServerProcess;

/**
 * The packaged server, killed with SIGKILL right after acknowledging notifications, starts again on the same
 * data directory with every acknowledged notification applied, and answers their resends as duplicates.
 */
class ServerCrashIT {

    private static final Duration FIRST_START = Duration.ofMinutes(3);
    private static final Duration RESTART = Duration.ofMinutes(3);

    private final Path dataDir = Path.of("target/it-data", UUID.randomUUID().toString());

    @Test
    void startsAgainAfterAKillOnTheSameDataDirectoryAndStopsPostgresOnSigterm() throws Exception {
        try (RegistryServerProcess server = RegistryServerProcess.start(dataDir,
                "--registry.bootstrap-admin-token=" + RegistryIntegrationTest.BOOTSTRAP_ADMIN_TOKEN)) {
            server.awaitHealthy(FIRST_START);
            Postmaster orphan = server.postmaster().orElseThrow();
            HttpTestClient http = new HttpTestClient(server.uri("/"));
            AdministrationFixture administration = new AdministrationFixture(http, RegistryIntegrationTest.BOOTSTRAP_ADMIN_TOKEN);
            String kawaguchi = administration.municipalServer(Notifications.KAWAGUCHI);
            Operator operator = administration.operator(false, "IDENTITY");
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                batch.add(Notifications.moveIn(Notifications.KAWAGUCHI));
            }
            assertThat(statuses(Notifications.send(http, kawaguchi, batch).expect(200))).containsOnly("APPLIED");

            server.kill();
            assertThat(orphan.isAlive()).as("the postmaster outlives a killed registry").isTrue();

            server.restart();
            server.awaitHealthy(RESTART);
            Postmaster postmaster = server.postmaster().orElseThrow();
            assertThat(orphan.exitsWithin(Duration.ofSeconds(10))).as("the orphaned postmaster was stopped").isTrue();
            assertThat(postmaster.pid()).isNotEqualTo(orphan.pid());
            assertThat(appliedMigrations(postmaster)).isPositive();
            for (Map<String, Object> item : List.of(batch.get(0), batch.get(199))) {
                http.get("/api/v1/identity/residents/" + item.get("residentCode")
                        + "?affair=" + operator.affair(), operator.token()).expect(200);
            }
            assertThat(statuses(Notifications.send(http, kawaguchi, batch).expect(200))).containsOnly("DUPLICATE");

            server.stop(Duration.ofSeconds(30));
            assertThat(postmaster.exitsWithin(Duration.ofSeconds(10))).as("PostgreSQL stops with the registry").isTrue();
            assertThat(server.postmaster()).isEmpty();
        }
    }

    private static List<String> statuses(Reply response) {
        List<String> statuses = new ArrayList<>();
        response.json().get("results").forEach(result -> statuses.add(result.get("status").asText()));
        return statuses;
    }

    private static int appliedMigrations(Postmaster postmaster) throws Exception {
        try (Connection connection = DriverManager.getConnection(postmaster.jdbcUrl());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
