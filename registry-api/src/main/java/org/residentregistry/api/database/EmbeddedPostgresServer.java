package org.residentregistry.api.database;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.residentregistry.projections.PostgresSizing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of the default run: one durable server per data directory, which starts
 * again after the registry or the server itself was killed.
 *
 * <p>Layout under the registry's data directory: {@code postgres/} is the cluster (with its server
 * log in {@code postgres/log/}), {@code postgres-binaries/} the PostgreSQL binaries unpacked from
 * the jar.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    /** zonky's lock file in the cluster directory, held by the process that runs its postmaster. */
    private static final String LOCK_FILE = "epg-lock";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts the server on {@code dataDirectory}, creating the cluster on first use.
     *
     * @param port the TCP port on localhost; 0 lets the server take a free one
     * @param startupTimeout how long crash recovery, or an orphaned server's shutdown, may take
     * @param sizing its memory and WAL
     * @throws IllegalStateException if another live process runs the server on this directory
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, Duration startupTimeout,
                                               PostgresSizing sizing) throws IOException {
        Path cluster = clusterDirectory(dataDirectory);
        // A cluster not created yet has no server to take over, and initdb wants its directory empty.
        if (Files.exists(cluster.resolve("postgresql.conf"))) {
            takeOverCluster(cluster, startupTimeout);
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(cluster)
                .setCleanDataDirectory(false)
                // Outside /tmp, which cleaners empty and hardened hosts mount noexec.
                .setOverrideWorkingDirectory(cluster.resolveSibling("postgres-binaries").toFile())
                .setPort(port)
                .setPGStartupWait(startupTimeout)
                // The owner closes the server after the connection pool; zonky's hook would race that.
                .setRegisterShutdownHook(false)
                // A cluster that does not depend on the host's locales, whose collation never changes.
                .setLocaleConfig("locale", "C")
                .setLocaleConfig("locale-provider", "builtin")
                .setLocaleConfig("builtin-locale", "C.UTF-8")
                // zonky passes -F (fsync off) and synchronous_commit=off; these later options win.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                // TCP only: no socket and socket lock file in /tmp, outside the data directory.
                .setServerConfig("unix_socket_directories", "")
                // zonky stops reading the server's output once it has started.
                .setServerConfig("logging_collector", "on")
                .setServerConfig("log_directory", "log")
                .setServerConfig("log_filename", "postgresql-%a.log")
                .setServerConfig("log_rotation_age", "1d")
                .setServerConfig("log_truncate_on_rotation", "on")
                // No DETAIL lines: they quote key values, which can be personal data.
                .setServerConfig("log_error_verbosity", "terse");
        sizing.serverSettings().forEach(builder::setServerConfig);
        return new EmbeddedPostgresServer(builder.start());
    }

    /** The cluster (PGDATA) inside a registry data directory. */
    public static Path clusterDirectory(Path dataDirectory) {
        return dataDirectory.toAbsolutePath().normalize().resolve("postgres");
    }

    /** The {@code postgres} database as the {@code postgres} superuser; no password (trust on localhost). */
    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** Stops the server (fast shutdown: open sessions are ended) and releases the directory. */
    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /**
     * Makes sure no earlier process keeps the cluster. After a kill -9 of the registry its
     * postmaster runs on, holding the directory (and the port): it is stopped. A pid file whose
     * process is dead is left to PostgreSQL, which replaces it; one whose pid now belongs to another
     * process (pids are reused after a reboot or in a new container) is removed, as PostgreSQL
     * would refuse to start. PostgreSQL's own shared-memory interlock still refuses to start a second
     * postmaster on a directory in use.
     */
    private static void takeOverCluster(Path cluster, Duration timeout) throws IOException {
        try (FileChannel channel = FileChannel.open(cluster.resolve(LOCK_FILE), CREATE, WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("The embedded PostgreSQL in " + cluster
                        + " is in use by another running registry server; stop it or use another registry.data-dir");
            }
            Path pidFile = cluster.resolve("postmaster.pid");
            Optional<ProcessHandle> holder = recordedPostmaster(pidFile);
            if (holder.isEmpty()) {
                return;
            }
            if (servesCluster(holder.get(), cluster)) {
                stopOrphan(holder.get(), pidFile, timeout);
            } else {
                log.warn("Removing {}: its process {} is not a PostgreSQL server of this cluster", pidFile, holder.get().pid());
                Files.deleteIfExists(pidFile);
            }
        }
    }

    /** The live process named in the pid file, if any. */
    private static Optional<ProcessHandle> recordedPostmaster(Path pidFile) throws IOException {
        try (Stream<String> lines = Files.lines(pidFile)) {
            return lines.findFirst()
                    .filter(line -> line.matches("\\d+"))
                    .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** A postmaster works in its cluster directory; another holder of a reused pid does not. */
    private static boolean servesCluster(ProcessHandle process, Path cluster) {
        try {
            return Files.isSameFile(Path.of("/proc", Long.toString(process.pid()), "cwd"), cluster);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * SIGTERM asks for a smart shutdown, which ends as soon as the sessions do; the dead registry's
     * sessions ended with it. PostgreSQL removes its pid file last when it stops; the process itself
     * may linger as a zombie if nothing reaps it.
     */
    private static void stopOrphan(ProcessHandle postmaster, Path pidFile, Duration timeout) {
        log.warn("Stopping the PostgreSQL server (pid {}) in {}, left running by a registry that did not shut down",
                postmaster.pid(), pidFile.getParent());
        postmaster.destroy();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (postmaster.isAlive() && Files.exists(pidFile)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The orphaned PostgreSQL server (pid " + postmaster.pid() + ") in "
                            + pidFile.getParent() + " did not stop within " + timeout + ": open sessions keep it running;"
                            + " kill -INT " + postmaster.pid() + " ends them");
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping an orphaned PostgreSQL server", e);
        }
    }
}
