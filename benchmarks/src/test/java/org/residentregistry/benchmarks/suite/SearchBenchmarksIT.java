package org.residentregistry.benchmarks.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The search benchmark's smoke run: every combination is searched and checked against the resident it was drawn from,
 * and a change stream's changes are found as soon as they are acknowledged.
 */
class SearchBenchmarksIT extends BenchmarkSmokeTest {

    @Test
    void searchesEveryCombinationAndFindsEveryChangeAtOnce() throws IOException {
        Path report = folder.resolve("search.md");

        String console = run(new SearchBenchmarks(), "--scale", "1k", "--seed", "3", "--clients", "2",
                "--change-days", "30", "--search-clients", "2", "--server-warmup-seconds", "1", "--warmup-seconds", "0",
                "--search-seconds", "0.3", "--reference-seconds", "0.2", "--residents-per-combination", "50",
                "--report", report.toString());

        String table = Files.readString(report);
        assertThat(table)
                .contains("### Four-field search, 1k residents")
                .contains("Answers as required: yes")
                .contains("| kana + day | 2 clients |")
                .contains("| year + sex (the weakest allowed) | 2 clients |")
                .contains("| former surname and given name (kana) + day | 2 clients |")
                .containsPattern("\\| last change of each batch, by kana \\+ day \\+ whole address \\| 30 days, .*"
                        + "\\| 0 \\| [\\d.]+ ms / ");
        assertThat(table.lines().filter(line -> line.matches("\\| .* \\| 2 clients \\| .*"))).hasSize(19);
        // Figures only: no address, name, resident code (11 digits) or individual number (12) reaches the console or
        // the report.
        assertThat(console + table).doesNotContain("埼玉県").doesNotContainPattern("\\b\\d{11,12}\\b");
    }
}
