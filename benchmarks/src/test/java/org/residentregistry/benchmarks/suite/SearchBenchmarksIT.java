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
 * The search benchmark's smoke run at a tiny scale against the server's real jar, so that it keeps working: every
 * combination is searched and checked against the resident it was drawn from, and a change stream's changes are
 * found as soon as they are acknowledged. Its figures mean nothing.
 */
class SearchBenchmarksIT {

    private static final Path SERVER_JAR = Path.of(System.getProperty("registry.server-jar",
            "../registry-api/target/registry-api.jar"));

    @TempDir
    Path work;

    @Test
    void searchesEveryCombinationAndFindsEveryChangeAtOnce() throws IOException {
        Path report = work.resolve("search.md");
        StringWriter console = new StringWriter();
        CommandLine command = new CommandLine(new SearchBenchmarks());
        command.setOut(new PrintWriter(console, true));
        command.setErr(new PrintWriter(console, true));

        int exit = command.execute("--scale", "1k", "--seed", "3", "--clients", "2", "--change-days", "30",
                "--search-clients", "2", "--server-warmup-seconds", "1", "--warmup-seconds", "0",
                "--search-seconds", "0.3", "--reference-seconds", "0.2", "--residents-per-combination", "50",
                "--server-jar", SERVER_JAR.toString(), "--server-heap", "512m",
                "--work-dir", work.resolve("work").toString(), "--report", report.toString());

        assertThat(exit).as(console.toString()).isZero();
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
