package org.residentregistry.api.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The embedded PostgreSQL server of a registry data directory, as its {@code postmaster.pid} names it. */
public record Postmaster(long pid, int port) {

    /**
     * The server named in the pid file (pid on line 1, port on line 4), while that file exists. The cluster is in
     * {@code <data-dir>/postgres}, as the README documents (EmbeddedPostgresServer.clusterDirectory): this module
     * drives the packaged server from outside and cannot see that class.
     */
    public static Optional<Postmaster> of(Path dataDir) throws IOException {
        Path pidFile = dataDir.toAbsolutePath().normalize().resolve("postgres").resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        return Optional.of(new Postmaster(Long.parseLong(lines.get(0)), Integer.parseInt(lines.get(3))));
    }

    public Optional<ProcessHandle> process() {
        return ProcessHandle.of(pid);
    }

    public boolean isAlive() {
        return process().isPresent();
    }

    /** Whether the process is gone within the timeout: an exited process lingers until it is reaped. */
    public boolean exitsWithin(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isAlive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** SIGTERM, a smart shutdown, for tests that must leave no server behind. */
    public void stop() throws InterruptedException {
        process().ifPresent(ProcessHandle::destroy);
        if (!exitsWithin(Duration.ofSeconds(30))) {
            throw new IllegalStateException("PostgreSQL (pid " + pid + ") did not stop");
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }
}
