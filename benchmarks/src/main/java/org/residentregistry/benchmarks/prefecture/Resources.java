package org.residentregistry.benchmarks.prefecture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** The data files shipped under {@code /synthetic} (their sources are in {@code /synthetic/SOURCES.md}). */
final class Resources {

    private Resources() {
    }

    /** The non-blank lines of a file, header included. */
    static List<String> lines(String name) {
        String path = "/synthetic/" + name;
        try (InputStream in = Objects.requireNonNull(Resources.class.getResourceAsStream(path), path);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of a CSV file without its header, split into fields (no quoting is used in these files). */
    static List<String[]> csvRows(String name) {
        List<String> lines = lines(name);
        return lines.subList(1, lines.size()).stream().map(line -> line.split(",", -1)).toList();
    }
}
