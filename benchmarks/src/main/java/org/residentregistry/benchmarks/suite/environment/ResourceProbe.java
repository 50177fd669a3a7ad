package org.residentregistry.benchmarks.suite.environment;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import com.sun.management.OperatingSystemMXBean;

/**
 * Reads {@link ResourceSample}s: the server's heap from its Prometheus metrics (role OPERATIONS), resident memory
 * and CPU from {@code /proc} for the processes the harness started, the database's size from PostgreSQL.
 */
public final class ResourceProbe {

    private static final String HEAP_USED = "jvm_memory_used_bytes{area=\"heap\"";

    private final RegistryHttp http;
    private final String operationsToken;
    private final Database database;
    private final OptionalLong serverPid;
    private final OptionalLong postmasterPid;
    private final OperatingSystemMXBean harness =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public ResourceProbe(RegistryHttp http, String operationsToken, Database database, OptionalLong serverPid,
                         OptionalLong postmasterPid) {
        this.http = http;
        this.operationsToken = operationsToken;
        this.database = database;
        this.serverPid = serverPid;
        this.postmasterPid = postmasterPid;
    }

    public ResourceSample sample() throws IOException, InterruptedException, SQLException {
        return new ResourceSample(heapUsed(),
                serverPid.isPresent() ? ProcFs.statusBytes(serverPid.getAsLong(), "VmRSS") : OptionalLong.empty(),
                serverPid.isPresent() ? ProcFs.statusBytes(serverPid.getAsLong(), "VmHWM") : OptionalLong.empty(),
                database.queryLong("SELECT pg_database_size(current_database())"),
                serverPid.isPresent() ? ProcFs.cpuSeconds(serverPid.getAsLong()) : OptionalDouble.empty(),
                postmasterPid.isPresent() ? ProcFs.cpuSecondsWithChildren(postmasterPid.getAsLong())
                        : OptionalDouble.empty(),
                harness.getProcessCpuTime() / 1e9, ProcFs.machineCpuSeconds());
    }

    /** The sum of the heap pools' {@code jvm_memory_used_bytes}. */
    private OptionalLong heapUsed() throws IOException, InterruptedException {
        RegistryHttp.Reply metrics = http.get("/actuator/prometheus", operationsToken);
        if (!metrics.ok()) {
            return OptionalLong.empty();
        }
        double bytes = new String(metrics.body(), StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith(HEAP_USED))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
        return OptionalLong.of((long) bytes);
    }
}
