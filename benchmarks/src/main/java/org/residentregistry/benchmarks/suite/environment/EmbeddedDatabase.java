package org.residentregistry.benchmarks.suite.environment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.residentregistry.projections.PostgresSizing;

/**
 * A PostgreSQL of the harness's own, configured like the server's embedded one (fsync and synchronous commit on:
 * the zonky library turns both off unless told; the server's default memory and WAL sizing), so that the server and
 * the plain-JDBC references share one database that behaves as the registry's does in production. Its data starts
 * empty in the work folder.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** How long a stopping PostgreSQL may take to let its data directory go. */
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(10);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * @param extraSettings server settings on top of the server's (for profiling, such as
     *                      {@code shared_preload_libraries=pg_stat_statements}); empty for a run to compare
     * @param keepData      whether the data directory survives {@link #close()}, to look into it afterwards
     */
    public static EmbeddedDatabase start(Path workFolder, Map<String, String> extraSettings, boolean keepData)
            throws IOException {
        Path data = workFolder.toAbsolutePath().resolve("postgres");
        deleteRecursively(data);
        Files.createDirectories(data);
        return onDataDirectory(data, extraSettings, !keepData);
    }

    /**
     * The database a run before kept in the work folder ({@code keepData}), started again as it was: a benchmark
     * that needs only a loaded registry need not load it again. Its data is kept again afterwards.
     */
    public static EmbeddedDatabase reopen(Path workFolder, Map<String, String> extraSettings) throws IOException {
        Path data = workFolder.toAbsolutePath().resolve("postgres");
        if (!Files.isRegularFile(data.resolve("PG_VERSION"))) {
            throw new IllegalArgumentException("no database kept in " + data + " (run with --keep-database first)");
        }
        return onDataDirectory(data, extraSettings, false);
    }

    private static EmbeddedDatabase onDataDirectory(Path data, Map<String, String> extraSettings, boolean cleanData)
            throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(cleanData)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                // The library stops reading PostgreSQL's output once it has started; keep a log of our own.
                .setServerConfig("logging_collector", "on")
                .setServerConfig("log_directory", "log");
        PostgresSizing.DEFAULT.serverSettings().forEach(builder::setServerConfig);
        extraSettings.forEach(builder::setServerConfig);
        return new EmbeddedDatabase(builder.start(), data);
    }

    public Database database() {
        return new Database(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
    }

    /** The postmaster's process id, from {@code postmaster.pid}; every backend is its child. */
    public OptionalLong postmasterPid() {
        try {
            return OptionalLong.of(Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0)
                    .trim()));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Stops PostgreSQL and returns once it is gone, so that the data directory can be started again at once. The
     * library gives {@code pg_ctl stop} five seconds; after millions of rows written, the shutdown checkpoint takes
     * longer, and the postmaster would still hold the directory: a checkpoint beforehand leaves it little to write.
     */
    @Override
    public void close() throws IOException {
        try {
            database().execute("CHECKPOINT");
        } catch (SQLException e) {
            // Not running any more: nothing to checkpoint; stopping it is still tried.
        }
        postgres.close();
        awaitStopped();
    }

    private void awaitStopped() throws IOException {
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("PostgreSQL still holds " + dataDirectory + " " + STOP_TIMEOUT + " after it "
                        + "was stopped");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while PostgreSQL stopped", e);
            }
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
