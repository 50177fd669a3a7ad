package org.residentregistry.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.residentregistry.api.support.Postmaster;
import org.residentregistry.api.support.RegistryServerProcess;

/** The packaged server, killed with SIGKILL, starts again on the same data directory. */
class ServerCrashIT {

    private static final Duration FIRST_START = Duration.ofSeconds(90);
    private static final Duration RESTART = Duration.ofSeconds(60);

    private final Path dataDir = Path.of("target/it-data", UUID.randomUUID().toString());

    @Test
    void startsAgainAfterAKillOnTheSameDataDirectoryAndStopsPostgresOnSigterm() throws Exception {
        try (RegistryServerProcess server = RegistryServerProcess.start(dataDir)) {
            server.awaitHealthy(FIRST_START);
            Postmaster orphan = server.postmaster().orElseThrow();

            server.kill();
            assertThat(orphan.isAlive()).as("the postmaster outlives a killed registry").isTrue();

            server.restart();
            server.awaitHealthy(RESTART);
            Postmaster postmaster = server.postmaster().orElseThrow();
            assertThat(orphan.exitsWithin(Duration.ofSeconds(10))).as("the orphaned postmaster was stopped").isTrue();
            assertThat(postmaster.pid()).isNotEqualTo(orphan.pid());
            assertThat(appliedMigrations(postmaster)).isPositive();

            server.stop(Duration.ofSeconds(30));
            assertThat(postmaster.exitsWithin(Duration.ofSeconds(10))).as("PostgreSQL stops with the registry").isTrue();
            assertThat(server.postmaster()).isEmpty();
        }
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
