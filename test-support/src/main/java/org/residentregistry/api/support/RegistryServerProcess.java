package org.residentregistry.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
/**
 * The packaged server ({@code java -jar registry-api.jar}) run as a child process on a data
 * directory, as an operator runs it, for tests that kill and restart it. The jar is the one
 * failsafe's {@code registry.jar} property names. The server's output goes to
 * {@code <data-dir>.log}, across restarts.
 */
public final class RegistryServerProcess implements AutoCloseable {

    private static final Path JAR = Path.of(System.getProperty("registry.jar", "target/registry-api.jar"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Path dataDir;
    private final int port;
    private final List<String> jvmOptions;
    private final List<String> arguments;
    private final Path output;
    private Process process;

    private RegistryServerProcess(Path dataDir, List<String> jvmOptions, List<String> arguments) throws IOException {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = freePort();
        this.jvmOptions = List.copyOf(jvmOptions);
        this.arguments = List.copyOf(arguments);
        this.output = this.dataDir.resolveSibling(this.dataDir.getFileName() + ".log");
        Files.createDirectories(this.dataDir);
        launch();
    }

    /** Starts the server on {@code dataDir} and a free HTTP port; {@code arguments} are added to the command line. */
    public static RegistryServerProcess start(Path dataDir, String... arguments) throws IOException {
        return start(dataDir, List.of(), arguments);
    }

    /** As {@link #start(Path, String...)}, with options for the server's JVM, such as a heap limit ({@code -Xmx128m}). */
    public static RegistryServerProcess start(Path dataDir, List<String> jvmOptions, String... arguments) throws IOException {
        return new RegistryServerProcess(dataDir, jvmOptions, List.of(arguments));
    }

    private void launch() throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the tests with mvn verify");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--registry.data-dir=" + dataDir));
        command.addAll(arguments);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .start();
    }

    /** Waits until {@code /actuator/health} says UP. */
    public void awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest health = HttpRequest.newBuilder(uri("/actuator/health")).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited with " + process.exitValue() + "; its output:\n" + output());
            }
            try {
                HttpResponse<String> response = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Retried until the deadline.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("The server was not UP within " + timeout + "; its output:\n" + output());
    }

    /** SIGKILL, as kill -9 or the OOM killer: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, as a service manager or Ctrl-C stops the server; waits until it has. */
    public void stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("The server did not stop within " + timeout + "; its output:\n" + output());
        }
    }

    /** Starts the server again, once the previous process has ended, with the same data directory and port. */
    public void restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException("The server is still running");
        }
        launch();
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Everything the server printed so far, for failure messages. */
    public String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The embedded PostgreSQL server of the data directory, while it runs or its pid file is left. */
    public Optional<Postmaster> postmaster() throws IOException {
        return Postmaster.of(dataDir);
    }

    /** Stops the server, and a PostgreSQL server a killed one left behind, so that no test leaks processes. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(30));
        }
        Optional<Postmaster> orphan = postmaster();
        if (orphan.isPresent()) {
            orphan.get().stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
