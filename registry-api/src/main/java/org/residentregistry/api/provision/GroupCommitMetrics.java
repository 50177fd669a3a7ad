package org.residentregistry.api.provision;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * What the {@link LogWriter}'s group commits cost, in {@code /actuator/prometheus} as
 * {@code registry_provision_log_group_*} and {@code registry_provision_log_append_*}: counts and durations only,
 * nothing personal. The percentiles are the server's own (last two minutes), so a benchmark run reads them directly.
 */
@Component
class GroupCommitMetrics {

    private final Timer append;
    private final Timer wait;
    private final Timer write;
    private final Counter conflicts;
    private final Counter locked;
    private final DistributionSummary entries;
    private final DistributionSummary operationRows;

    GroupCommitMetrics(MeterRegistry registry) {
        this.append = timer(registry, "registry.provision.log.append",
                "How long a request waits for its provision-log entries to be committed (queue, group, commit)");
        this.wait = timer(registry, "registry.provision.log.group.wait",
                "From an append's arrival to the start of the group that writes it");
        this.write = timer(registry, "registry.provision.log.group.write",
                "A group's write through its commit, waits for the head row included (the group before it, another"
                        + " node's writer)");
        this.conflicts = Counter.builder("registry.provision.log.group.conflicts")
                .description("Groups chained ahead that found the head moved (by another node's writer, or a failed"
                        + " group before them) and were chained again under its lock")
                .register(registry);
        this.locked = Counter.builder("registry.provision.log.group.locked")
                .description("Groups written under the head's lock: after a conflict, for a while after one, or apart"
                        + " from a row the database refused")
                .register(registry);
        this.entries = size(registry, "provision");
        this.operationRows = size(registry, "operation");
    }

    void appended(long startNanos) {
        append.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    void waited(long nanos) {
        wait.record(nanos, TimeUnit.NANOSECONDS);
    }

    void conflicted() {
        conflicts.increment();
    }

    void writtenUnderLock() {
        locked.increment();
    }

    void written(long nanos, int entryCount, int operationRowCount) {
        write.record(nanos, TimeUnit.NANOSECONDS);
        entries.record(entryCount);
        operationRows.record(operationRowCount);
    }

    private static Timer timer(MeterRegistry registry, String name, String description) {
        return Timer.builder(name).description(description).publishPercentiles(0.5, 0.9, 0.99).register(registry);
    }

    private static DistributionSummary size(MeterRegistry registry, String log) {
        return DistributionSummary.builder("registry.provision.log.group.size")
                .description("Rows a group commit writes: provision-log entries or operation-log rows")
                .tag("log", log).publishPercentiles(0.5, 0.9, 0.99).register(registry);
    }
}
