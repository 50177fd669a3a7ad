package org.residentregistry.benchmarks.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A benchmark command's smoke test: the command run at a tiny scale against the server's real jar, in a temporary
 * folder, so that it keeps working. Its figures mean nothing; that it runs and the registry answers correctly does.
 */
public abstract class BenchmarkSmokeTest {

    /** The run's folder: the command's work folder ({@code work/}) and whatever the test writes beside it. */
    @TempDir
    protected Path folder;

    /**
     * Runs {@code command} with {@code arguments} and the server's options ({@link ServerOptions}: the packaged jar, a
     * small heap, {@code work/} as the work folder), checks that it exits 0, and answers what it printed.
     */
    protected String run(Object command, String... arguments) {
        StringWriter console = new StringWriter();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(console, true));
        commandLine.setErr(new PrintWriter(console, true));
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(List.of("--server-jar", PackagedJars.SERVER.toString(), "--server-heap", "512m",
                "--work-dir", folder.resolve("work").toString()));
        assertThat(commandLine.execute(all.toArray(String[]::new))).as(console.toString()).isZero();
        return console.toString();
    }
}
