package org.residentregistry.benchmarks.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The query benchmark's smoke run: a registry seeded, queried by code through the API against plain JDBC, kept, and
 * queried again by a second run that reuses it.
 */
class QueryBenchmarksIT extends BenchmarkSmokeTest {

    private static final String[] QUERIES = {"--scale", "1k", "--seed", "5", "--query-clients", "2",
            "--server-warmup-seconds", "1", "--warmup-seconds", "0", "--query-seconds", "0.5"};

    @Test
    void queriesASeededRegistryAndTheSameRegistryAgainWhenReused() throws IOException {
        Path seeded = folder.resolve("seeded.md");
        Path reused = folder.resolve("reused.md");

        String console = run(new QueryBenchmarks(), arguments("--seed-database", "--report", seeded.toString()))
                + run(new QueryBenchmarks(), arguments("--reuse-database", "--report", reused.toString()));

        for (Path report : new Path[] {seeded, reused}) {
            assertThat(Files.readString(report))
                    .contains("### Query by resident code, 1k residents")
                    .contains("identity_current holds 1,000 rows")
                    .contains("- Every query answered: yes.")
                    .containsPattern("\\| Query by resident code, 2 clients \\| [\\d,]+ queries/s; p50 ")
                    .contains("| queries, 2 clients: plain JDBC |");
        }
        assertThat(Files.readString(seeded)).contains("Seeded by the seeder (`RegistrySeeder`, 2 connections): 1,000 "
                + "residents");
        assertThat(Files.readString(reused)).contains("Reused the registry kept in");
        // Figures only: no resident code (11 digits) or individual number (12) reaches the console or the reports.
        assertThat(console + Files.readString(seeded) + Files.readString(reused))
                .doesNotContainPattern("\\b\\d{11,12}\\b");
    }

    private static String[] arguments(String... more) {
        String[] all = new String[QUERIES.length + more.length];
        System.arraycopy(QUERIES, 0, all, 0, QUERIES.length);
        System.arraycopy(more, 0, all, QUERIES.length, more.length);
        return all;
    }
}
