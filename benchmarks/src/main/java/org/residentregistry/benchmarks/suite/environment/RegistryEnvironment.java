package org.residentregistry.benchmarks.suite.environment;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The registry under test and its database: either both started by the harness (an embedded PostgreSQL and the
 * server's jar as a child process, stopped again on {@link #close()}) or a server already running, reached by its
 * URL, and its database by JDBC.
 */
public final class RegistryEnvironment implements AutoCloseable {

    private final RegistryHttp http;
    private final Database database;
    private final String adminToken;
    private final EmbeddedDatabase postgres;
    private final ServerProcess server;

    private RegistryEnvironment(RegistryHttp http, Database database, String adminToken, EmbeddedDatabase postgres,
                                ServerProcess server) {
        this.http = http;
        this.database = database;
        this.adminToken = adminToken;
        this.postgres = postgres;
        this.server = server;
    }

    /** A fresh database and a server started on it, with a bootstrap administrator token made for this run. */
    public static RegistryEnvironment launch(ServerProcess.Launch launch, Map<String, String> postgresSettings,
                                             boolean keepDatabase) throws IOException, InterruptedException {
        return serving(EmbeddedDatabase.start(launch.workFolder(), postgresSettings, keepDatabase), launch);
    }

    /** The database an earlier run kept in the work folder, and a server started on it again. */
    public static RegistryEnvironment relaunch(ServerProcess.Launch launch, Map<String, String> postgresSettings)
            throws IOException, InterruptedException {
        return serving(EmbeddedDatabase.reopen(launch.workFolder(), postgresSettings), launch);
    }

    private static RegistryEnvironment serving(EmbeddedDatabase postgres, ServerProcess.Launch launch)
            throws IOException, InterruptedException {
        try {
            String adminToken = Accounts.newToken();
            ServerProcess server = ServerProcess.start(launch, postgres.database(), adminToken);
            return new RegistryEnvironment(new RegistryHttp(server.base()), postgres.database(), adminToken,
                    postgres, server);
        } catch (IOException | InterruptedException | RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    public static RegistryEnvironment external(URI server, Database database, String adminToken) {
        return new RegistryEnvironment(new RegistryHttp(server), database, adminToken, null, null);
    }

    public RegistryHttp http() {
        return http;
    }

    public Database database() {
        return database;
    }

    public String adminToken() {
        return adminToken;
    }

    /** Whether the harness started the server (and so can read its memory and CPU). */
    public boolean launched() {
        return server != null;
    }

    public OptionalLong serverPid() {
        return server == null ? OptionalLong.empty() : OptionalLong.of(server.pid());
    }

    public ResourceProbe probe(String operationsToken) {
        return new ResourceProbe(http, operationsToken, database, serverPid(),
                postgres == null ? OptionalLong.empty() : postgres.postmasterPid());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
