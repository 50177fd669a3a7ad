package org.residentregistry.api.database;

import java.nio.file.Path;
import java.time.Duration;

import org.residentregistry.projections.PostgresSizing;

/**
 * Runs the embedded server in a JVM of its own until that JVM is killed: the other process that
 * holds a data directory, or leaves an orphaned postmaster on it, in {@link EmbeddedPostgresServerTest}.
 */
public final class StandaloneEmbeddedPostgres {

    static final String READY = "READY ";

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), 0, Duration.ofMinutes(1),
                PostgresSizing.DEFAULT);
        System.out.println(READY + server.jdbcUrl());
        Thread.sleep(Long.MAX_VALUE);
    }
}
