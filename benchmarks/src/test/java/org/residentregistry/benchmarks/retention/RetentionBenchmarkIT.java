package org.residentregistry.benchmarks.retention;

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
 * The retention benchmark's smoke run at a tiny scale against the server's real jar, so that it keeps working: a
 * seeded registry whose expired versions the reference and the purge erase between them, every one, and the same
 * registry purged again through {@code --reuse-database}, which then finds nothing left to erase. Its figures mean
 * nothing.
 */
class RetentionBenchmarkIT {

    private static final Path SERVER_JAR = Path.of(System.getProperty("registry.server-jar",
            "../registry-api/target/registry-api.jar"));

    @TempDir
    Path work;

    @Test
    void theReferenceAndThePurgeEraseEveryExpiredVersionOfASeededAndThenAReusedRegistry() throws IOException {
        Path seeded = work.resolve("seeded.md");
        StringWriter console = new StringWriter();
        int exit = run(console, "--residents", "3k", "--expired", "400", "--reference-persons", "200",
                "--keep-database", "--report", seeded.toString());

        assertThat(exit).as(console.toString()).isZero();
        String table = Files.readString(seeded);
        assertThat(table).containsPattern("### Retention purge, [\\d,]+ residents, [\\d,]+ expired versions")
                .containsPattern("state COMPLETED, 500 persons a batch; erased \\{.*\"IDENTITY_FILE_VERSIONS\":\\d+")
                .contains("- expired versions left in identity_version: 0")
                .containsPattern("- events left per resident: 1 event\\(s\\): [\\d]+\\s*$");
        // Figures only: no resident code (11 digits) or individual number (12) reaches the console or the report.
        assertThat(console + table).doesNotContainPattern("\\b\\d{11,12}\\b");

        Path reused = work.resolve("reused.md");
        StringWriter again = new StringWriter();
        assertThat(run(again, "--reuse-database", "--report", reused.toString())).as(again.toString()).isZero();
        assertThat(Files.readString(reused)).containsPattern("### Retention purge, [\\d,]+ residents, 0 expired versions")
                .contains("- Registry: reused from ");
    }

    private int run(StringWriter console, String... arguments) {
        CommandLine command = new CommandLine(new RetentionBenchmark());
        command.setOut(new PrintWriter(console, true));
        command.setErr(new PrintWriter(console, true));
        String[] common = {"--clients", "1", "--warmup-seconds", "1", "--baseline-seconds", "1", "--server-jar",
                SERVER_JAR.toString(), "--server-heap", "512m", "--server-start-timeout", "900",
                "--work-dir", work.resolve("work").toString()};
        String[] all = new String[common.length + arguments.length];
        System.arraycopy(common, 0, all, 0, common.length);
        System.arraycopy(arguments, 0, all, common.length, arguments.length);
        return command.execute(all);
    }
}
