package org.residentregistry.replay;

import java.sql.Connection;
import java.sql.SQLException;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where the registry's database is: options, or the environment (better for the password, which ps shows otherwise). */
final class DatabaseOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--jdbc-url", paramLabel = "URL", defaultValue = "${env:REGISTRY_DB_URL}",
            description = "The registry's PostgreSQL, e.g. jdbc:postgresql://localhost:5432/registry"
                    + " (default: the environment variable REGISTRY_DB_URL).")
    private String url;

    @Option(names = "--user", paramLabel = "USER", defaultValue = "${env:REGISTRY_DB_USER}",
            description = "Database user (default: REGISTRY_DB_USER).")
    private String user;

    @Option(names = "--password", paramLabel = "PASSWORD", defaultValue = "${env:REGISTRY_DB_PASSWORD}",
            description = "Database password (default: REGISTRY_DB_PASSWORD, which other users cannot see in the process list).")
    private String password;

    /** A read-only connection (see {@link ReadOnlyConnection}). */
    Connection connect() throws SQLException {
        if (url == null || url.isBlank()) {
            throw new ParameterException(command.commandLine(), "No database: give --jdbc-url or set REGISTRY_DB_URL.");
        }
        return ReadOnlyConnection.open(url, user, password);
    }
}
