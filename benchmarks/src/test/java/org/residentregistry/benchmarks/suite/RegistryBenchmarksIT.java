package org.residentregistry.benchmarks.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The smoke run: the whole suite at a tiny scale against the server's real jar (built before this module, see
 * the pom), so that the harness keeps working. Its figures mean nothing; that it runs and the registry answers
 * correctly does.
 */
class RegistryBenchmarksIT {

    /** Set by failsafe to the jar the reactor just built; the fallback serves a run from an IDE. */
    private static final Path SERVER_JAR = Path.of(System.getProperty("registry.server-jar",
            "../registry-api/target/registry-api.jar"));

    @TempDir
    Path work;

    @Test
    void runsEveryBenchmarkAgainstTheServerAndWritesTheTable() throws IOException {
        Path report = work.resolve("report.md");
        StringWriter console = new StringWriter();
        CommandLine command = new CommandLine(new RegistryBenchmarks());
        command.setOut(new PrintWriter(console, true));
        command.setErr(new PrintWriter(console, true));

        int exit = command.execute("--scale", "2k", "--seed", "3", "--clients", "2", "--change-days", "30",
                "--query-clients", "1,8", "--query-seconds", "1", "--warmup-seconds", "0.5",
                "--server-warmup-seconds", "1",
                "--server-jar", SERVER_JAR.toString(), "--server-heap", "512m",
                "--work-dir", work.resolve("work").toString(), "--report", report.toString());

        assertThat(exit).as(console.toString()).isZero();
        String table = Files.readString(report);
        assertThat(table)
                .contains("### 2k residents")
                .contains("Answers as the rules require: yes")
                .contains("| Ingest: initial load through the API, 2 clients |")
                .contains("| Changes: 30 days through the API, 2 clients |")
                .contains("| Query by resident code, 1 client |")
                .contains("| Query by resident code, 8 clients |")
                .containsPattern("\\| Query: CPU per query, 8 clients \\| server [\\d.]+ ms \\(-?[\\d.]+ ms above its idle use\\) \\+ PostgreSQL [\\d.]+ ms "
                        + "\\(harness's HTTP client [\\d.]+ ms\\) \\| PostgreSQL [\\d.]+ ms \\+ harness [\\d.]+ ms per JDBC lookup")
                .contains("| query warm-up of the server |")
                .contains("| queries, 8 clients: registry |")
                .contains("| queries, 8 clients: plain JDBC |")
                .containsPattern("\\| Projection rebuild \\(identity_current and identity_version\\) \\| [\\d,]+ events/s \\(")
                .contains("| initial load |")
                .contains("APPLIED 2,000");
        // Figures only: no address, name or resident code (11 digits) reaches the console or the report.
        assertThat(console + table).doesNotContain("埼玉県").doesNotContainPattern("\\b\\d{11}\\b");
    }
}
