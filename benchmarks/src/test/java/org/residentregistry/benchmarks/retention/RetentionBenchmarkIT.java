package org.residentregistry.benchmarks.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.residentregistry.benchmarks.suite.BenchmarkSmokeTest;

/**
 * The retention benchmark's smoke run: a seeded registry whose expired versions the reference and the purge erase
 * between them, every one, and the same registry purged again through {@code --reuse-database}, which then finds
 * nothing left to erase.
 */
class RetentionBenchmarkIT extends BenchmarkSmokeTest {

    @Test
    void theReferenceAndThePurgeEraseEveryExpiredVersionOfASeededAndThenAReusedRegistry() throws IOException {
        Path seeded = folder.resolve("seeded.md");
        String console = purge("--residents", "3k", "--expired", "400", "--reference-persons", "200",
                "--keep-database", "--report", seeded.toString());

        String table = Files.readString(seeded);
        assertThat(table).containsPattern("### Retention purge, [\\d,]+ residents, [\\d,]+ expired versions")
                .containsPattern("state COMPLETED, 500 persons a batch; erased \\{.*\"IDENTITY_FILE_VERSIONS\":\\d+")
                .contains("- expired versions left in identity_version: 0")
                .containsPattern("- events left per resident: 1 event\\(s\\): [\\d]+\\s*$");
        // Figures only: no resident code (11 digits) or individual number (12) reaches the console or the report.
        assertThat(console + table).doesNotContainPattern("\\b\\d{11,12}\\b");

        Path reused = folder.resolve("reused.md");
        purge("--reuse-database", "--report", reused.toString());
        assertThat(Files.readString(reused)).containsPattern("### Retention purge, [\\d,]+ residents, 0 expired versions")
                .contains("- Registry: reused from ");
    }

    /** A run with one client and a second of each stretch; the server's start may wait for the loaded machine. */
    private String purge(String... arguments) {
        List<String> all = new ArrayList<>(List.of("--clients", "1", "--warmup-seconds", "1", "--baseline-seconds", "1",
                "--server-start-timeout", "900"));
        all.addAll(List.of(arguments));
        return run(new RetentionBenchmark(), all.toArray(String[]::new));
    }
}
