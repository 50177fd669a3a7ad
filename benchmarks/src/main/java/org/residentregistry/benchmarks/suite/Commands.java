package org.residentregistry.benchmarks.suite;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What the suite's commands do alike with their arguments and their report. */
final class Commands {

    private Commands() {
    }

    /** Prints the Markdown report at the end of the figures and writes it to {@code report} when one is given. */
    static void publish(PrintWriter out, String markdown, Path report) throws IOException {
        out.println();
        out.print(markdown);
        out.flush();
        if (report != null) {
            Files.createDirectories(report.toAbsolutePath().getParent());
            Files.writeString(report, markdown, StandardCharsets.UTF_8);
        }
    }

    /** Seconds given on the command line, fractions allowed. */
    static Duration seconds(double seconds) {
        return Duration.ofNanos((long) (seconds * 1e9));
    }
}
