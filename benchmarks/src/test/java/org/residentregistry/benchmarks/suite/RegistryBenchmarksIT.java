package org.residentregistry.benchmarks.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The smoke run of the whole suite (issue 3's benchmarks), so that the harness keeps working. */
class RegistryBenchmarksIT extends BenchmarkSmokeTest {

    @Test
    void runsEveryBenchmarkAgainstTheServerAndWritesTheTable() throws IOException {
        Path report = folder.resolve("report.md");

        String console = run(new RegistryBenchmarks(), "--scale", "2k", "--seed", "3", "--clients", "2",
                "--change-days", "30", "--query-clients", "1,8", "--query-seconds", "1", "--warmup-seconds", "0.5",
                "--server-warmup-seconds", "1", "--report", report.toString());

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
