package org.residentregistry.benchmarks.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

import org.residentregistry.benchmarks.suite.environment.Database;

/**
 * What the figures were measured on: the report's figures mean little without it.
 *
 * @param durability PostgreSQL's fsync and synchronous_commit, read back from the server rather than assumed
 */
record Machine(int cores, long memoryBytes, String cpu, String system, String java, String postgres,
               String durability) {

    static Machine describe(Database database) throws SQLException {
        return new Machine(Runtime.getRuntime().availableProcessors(), memTotal(), cpuModel(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                "PostgreSQL " + database.queryValue("SHOW server_version"),
                "fsync " + database.queryValue("SHOW fsync") + ", synchronous_commit "
                        + database.queryValue("SHOW synchronous_commit"));
    }

    /** {@code 2 cores (AMD EPYC 7B13), 24 GiB RAM, Linux 6.1.0 amd64} */
    String hardware() {
        return String.format(Locale.ROOT, "%d cores (%s), %.0f GiB RAM, %s", cores, cpu,
                memoryBytes / (1024.0 * 1024 * 1024), system);
    }

    private static long memTotal() {
        return procLine(Path.of("/proc/meminfo"), "MemTotal:")
                .map(v -> Long.parseLong(v.replace("kB", "").trim()) * 1024)
                .orElse(Runtime.getRuntime().maxMemory());
    }

    private static String cpuModel() {
        return procLine(Path.of("/proc/cpuinfo"), "model name").map(v -> v.replaceFirst("^\\s*:\\s*", ""))
                .orElse("unknown CPU");
    }

    private static Optional<String> procLine(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix))
                    .map(l -> l.substring(prefix.length()).trim()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
