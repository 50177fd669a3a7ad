package org.residentregistry.benchmarks.prefecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {

    @TempDir
    Path out;

    private final StringWriter console = new StringWriter();

    @Test
    void writesEachMunicipalitysInitialLoadAndTheChangesAsJsonLines() throws IOException {
        int exit = run("--out", out.toString(), "--residents", "3k", "--seed", "5", "--batch-size", "200",
                "--change-days", "7");

        assertThat(exit).isZero();
        List<Path> files;
        try (Stream<Path> listed = Files.list(out.resolve("initial-load"))) {
            files = listed.toList();
        }
        assertThat(files).hasSize(63).allMatch(f -> f.getFileName().toString().matches("\\d{6}\\.jsonl"));
        long notifications = 0;
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                JsonNode batch = new ObjectMapper().readTree(line);
                assertThat(batch.get("notifications").size()).isBetween(1, 200);
                notifications += batch.get("notifications").size();
            }
        }
        assertThat(notifications).isEqualTo(3_000);
        assertThat(Files.readAllLines(out.resolve("changes.jsonl"))).isNotEmpty();
        assertThat(console.toString()).contains("3,000 residents").contains("residents/s")
                .doesNotContain("埼玉県").doesNotContain("\"kana\"");
    }

    @Test
    void writingMunicipalitiesSideBySideGivesTheSameFilesAsOneAfterAnother() throws IOException {
        Path sideBySide = out.resolve("side-by-side");
        Path oneByOne = out.resolve("one-by-one");

        run("--out", sideBySide.toString(), "--residents", "2000", "--threads", "4");
        run("--out", oneByOne.toString(), "--residents", "2000", "--threads", "1");

        for (String file : List.of("111007.jsonl", "112011.jsonl", "114651.jsonl")) {
            assertThat(Files.readAllBytes(sideBySide.resolve("initial-load").resolve(file)))
                    .isEqualTo(Files.readAllBytes(oneByOne.resolve("initial-load").resolve(file)));
        }
    }

    @Test
    void refusesABatchSizeTheInterfaceDoesNotAllow() {
        assertThat(run("--out", out.toString(), "--residents", "10", "--batch-size", "1001")).isNotZero();
    }

    @Test
    void readsSizesWithThousandsAndMillions() {
        Scale scale = new Scale();

        assertThat(scale.convert("7.3M")).isEqualTo(7_300_000L);
        assertThat(scale.convert("10k")).isEqualTo(10_000L);
        assertThat(scale.convert("123456")).isEqualTo(123_456L);
    }

    @Test
    void writesSizesAsTheyAreRead() {
        assertThat(Scale.format(7_300_000)).isEqualTo("7.3M");
        assertThat(Scale.format(1_000_000)).isEqualTo("1M");
        assertThat(Scale.format(100_000)).isEqualTo("100k");
        assertThat(Scale.format(2_500)).isEqualTo("2.5k");
        assertThat(Scale.format(123_456)).isEqualTo("123456");
    }

    private int run(String... args) {
        CommandLine command = new CommandLine(new GeneratePrefecture());
        command.setOut(new PrintWriter(console, true));
        command.setErr(new PrintWriter(console, true));
        return command.execute(args);
    }
}
