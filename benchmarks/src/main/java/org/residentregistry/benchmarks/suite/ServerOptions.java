package org.residentregistry.benchmarks.suite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.residentregistry.benchmarks.suite.environment.ServerProcess;
import picocli.CommandLine.Option;

/** How a benchmark command starts the server and its database: the options the suite's commands share. */
public final class ServerOptions {

    @Option(names = "--server-jar", defaultValue = "registry-api/target/registry-api.jar",
            description = "The server's jar, started by the harness. Default: ${DEFAULT-VALUE}.")
    private Path serverJar;

    @Option(names = "--server-heap", defaultValue = "4g",
            description = "The server's -Xmx (the default run's JVM takes a quarter of the memory: 6 GiB on these "
                    + "machines; at 1g a third of the server's CPU in ingest was G1's). Default: ${DEFAULT-VALUE}.")
    private String serverHeap;

    @Option(names = "--server-jvm-args", defaultValue = "",
            description = "More JVM options for the server, space-separated (a flight recording, say).")
    private String serverJvmArgs;

    @Option(names = "--server-start-timeout", defaultValue = "300",
            description = "Seconds to wait for the server to be healthy. Default: ${DEFAULT-VALUE}.")
    private long startTimeoutSeconds;

    @Option(names = "--work-dir", defaultValue = "benchmark-work",
            description = "Folder for the database, the server's log and its data. Default: ${DEFAULT-VALUE}.")
    private Path workDir;

    @Option(names = "--postgres-setting",
            description = "A PostgreSQL setting on top of the server's, name=value, for profiling (repeatable).")
    private Map<String, String> postgresSettings = new LinkedHashMap<>();

    @Option(names = "--keep-database", description = "Keep the database's files after the run.")
    private boolean keepDatabase;

    public ServerProcess.Launch launch() {
        List<String> jvmArgs = Arrays.stream(serverJvmArgs.trim().split("\\s+")).filter(a -> !a.isEmpty())
                .toList();
        return new ServerProcess.Launch(serverJar, serverHeap, jvmArgs, Duration.ofSeconds(startTimeoutSeconds),
                workDir);
    }

    public String serverHeap() {
        return serverHeap;
    }

    public Map<String, String> postgresSettings() {
        return postgresSettings;
    }

    public boolean keepDatabase() {
        return keepDatabase;
    }
}
