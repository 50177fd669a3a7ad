package org.residentregistry.api.database;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.support.Postmaster;
import org.residentregistry.projections.PostgresSizing;

/** The embedded server's lifecycle against real PostgreSQL processes, killed the way crashes kill them. */
class EmbeddedPostgresServerTest {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Path dataDir = Path.of("target/test-data", UUID.randomUUID().toString());
    private final Path pidFile = EmbeddedPostgresServer.clusterDirectory(dataDir).resolve("postmaster.pid");
    private Process otherProcess;

    @AfterEach
    void leaveNoProcessBehind() throws Exception {
        if (otherProcess != null) {
            otherProcess.destroyForcibly().waitFor();
        }
        Optional<Postmaster> postmaster = Postmaster.of(dataDir);
        if (postmaster.isPresent()) {
            postmaster.get().stop();
        }
    }

    @Test
    void keepsDataAcrossRestarts() throws Exception {
        try (EmbeddedPostgresServer server = start()) {
            execute(server.jdbcUrl(), "CREATE TABLE kept (v text)", "INSERT INTO kept VALUES ('written before the restart')");
        }
        assertThat(pidFile).as("a closed server is stopped").doesNotExist();

        try (EmbeddedPostgresServer server = start()) {
            assertThat(query(server.jdbcUrl(), "SELECT v FROM kept")).isEqualTo("written before the restart");
        }
    }

    @Test
    void takesTheSizingItIsGiven() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0, STARTUP,
                new PostgresSizing("256MB", "1GB", "3GB"))) {
            assertThat(query(server.jdbcUrl(), "SHOW shared_buffers")).isEqualTo("256MB");
            assertThat(query(server.jdbcUrl(), "SHOW max_wal_size")).isEqualTo("1GB");
            assertThat(query(server.jdbcUrl(), "SHOW effective_cache_size")).isEqualTo("3GB");
        }
    }

    @Test
    void refusesADirectoryThatAnotherLiveProcessRuns() throws Exception {
        String otherServer = startInAnotherProcess();

        assertThatThrownBy(this::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in use by another running registry server");
        assertThat(query(otherServer, "SELECT 'still serving'")).isEqualTo("still serving");
    }

    @Test
    void stopsThePostmasterThatAKilledProcessLeftRunning() throws Exception {
        String otherServer = startInAnotherProcess();
        execute(otherServer, "CREATE TABLE kept (v text)", "INSERT INTO kept VALUES ('written before the kill')");
        Postmaster orphan = Postmaster.of(dataDir).orElseThrow();

        otherProcess.destroyForcibly().waitFor();
        assertThat(orphan.isAlive()).as("the postmaster outlives its killed JVM").isTrue();

        try (EmbeddedPostgresServer server = start()) {
            assertThat(orphan.exitsWithin(Duration.ofSeconds(10))).isTrue();
            assertThat(query(server.jdbcUrl(), "SELECT v FROM kept")).isEqualTo("written before the kill");
        }
    }

    @Test
    void recoversAfterThePostmasterItselfWasKilled() throws Exception {
        try (EmbeddedPostgresServer server = start()) {
            execute(server.jdbcUrl(), "CREATE TABLE kept (v text)", "INSERT INTO kept VALUES ('committed before the crash')");
            Postmaster postmaster = Postmaster.of(dataDir).orElseThrow();
            postmaster.process().orElseThrow().destroyForcibly();
            assertThat(postmaster.exitsWithin(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(pidFile).as("the crashed server's pid file").exists();

        try (EmbeddedPostgresServer server = start()) {
            assertThat(query(server.jdbcUrl(), "SELECT v FROM kept")).isEqualTo("committed before the crash");
        }
    }

    @Test
    void removesAPidFileWhosePidAnotherProcessNowHas() throws Exception {
        start().close();
        otherProcess = new ProcessBuilder("sleep", "60").start();
        // PostgreSQL's format: pid, data directory, start time, port.
        Files.writeString(pidFile, otherProcess.pid() + "\n" + pidFile.getParent() + "\n0\n5432\n");

        try (EmbeddedPostgresServer server = start()) {
            assertThat(query(server.jdbcUrl(), "SELECT 'started'")).isEqualTo("started");
        }
        assertThat(otherProcess.isAlive()).as("the process with the reused pid is left alone").isTrue();
    }

    private EmbeddedPostgresServer start() throws IOException {
        return EmbeddedPostgresServer.start(dataDir, 0, STARTUP, PostgresSizing.DEFAULT);
    }

    /** Runs the server on the same data directory in a child JVM; returns its JDBC URL once it is up. */
    private String startInAnotherProcess() throws IOException {
        otherProcess = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                StandaloneEmbeddedPostgres.class.getName(), dataDir.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .start();
        BufferedReader output = new BufferedReader(new InputStreamReader(otherProcess.getInputStream(), UTF_8));
        StringBuilder printed = new StringBuilder();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith(StandaloneEmbeddedPostgres.READY)) {
                // Keep draining, so that the child never blocks on a full pipe.
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }));
                drain.setDaemon(true);
                drain.start();
                return line.substring(StandaloneEmbeddedPostgres.READY.length());
            }
            printed.append(line).append('\n');
        }
        throw new IllegalStateException("The other process ended before its server was up:\n" + printed);
    }

    private static void execute(String jdbcUrl, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String query(String jdbcUrl, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
