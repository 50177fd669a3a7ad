package org.residentregistry.benchmarks.suite.environment;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The registry server as a child process of the harness, started from its jar against the harness's database,
 * as it runs in production: its own JVM, so that its memory and CPU can be read apart from the load generator's.
 * Its output goes to {@code server.log} in the work folder.
 */
public final class ServerProcess implements AutoCloseable {

    /** How long a graceful shutdown may take before the process is killed. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HEALTH_POLL = Duration.ofMillis(250);

    /**
     * How to start the server.
     *
     * @param heap          the JVM's {@code -Xmx}, such as {@code 1g}
     * @param jvmArguments  more JVM options, such as a flight recording for profiling
     */
    public record Launch(Path jar, String heap, List<String> jvmArguments, Duration startTimeout, Path workFolder) {
    }

    private final Process process;
    private final URI base;
    private final Path log;
    private final Thread killOnExit;

    private ServerProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
        // A harness stopped with Ctrl-C must not leave a server behind.
        this.killOnExit = new Thread(process::destroyForcibly, "stop-registry-server");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts the server and waits until {@code /actuator/health} answers UP. */
    public static ServerProcess start(Launch launch, Database database, String adminToken)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(launch.jar())) {
            throw new IllegalArgumentException("no server jar at " + launch.jar().toAbsolutePath()
                    + " (build it with ./mvnw -B -q install -DskipTests)");
        }
        Path workFolder = Files.createDirectories(launch.workFolder().toAbsolutePath());
        Path log = workFolder.resolve("server.log");
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + launch.heap());
        command.addAll(launch.jvmArguments());
        command.addAll(List.of("-jar", launch.jar().toAbsolutePath().toString(),
                "--server.port=" + port,
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--registry.data-dir=" + workFolder.resolve("server-data")));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workFolder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("REGISTRY_BOOTSTRAP_ADMIN_TOKEN", adminToken);
        ServerProcess server = new ServerProcess(builder.start(), URI.create("http://localhost:" + port), log);
        try {
            server.awaitHealthy(launch.startTimeout());
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public URI base() {
        return base;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        RegistryHttp http = new RegistryHttp(base);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server stopped while starting (exit code "
                        + process.exitValue() + "):\n" + tailOfLog());
            }
            try {
                RegistryHttp.Reply health = http.get("/actuator/health", null);
                if (health.status() == 200 && new String(health.body(), StandardCharsets.UTF_8).contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // The port opens late in the start-up; keep polling.
            }
            Thread.sleep(HEALTH_POLL.toMillis());
        }
        throw new IllegalStateException("the server was not healthy within " + timeout + ":\n" + tailOfLog());
    }

    private String tailOfLog() throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Asks the server to shut down gracefully, as an operator would, and kills it if it will not. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        Runtime.getRuntime().removeShutdownHook(killOnExit);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
