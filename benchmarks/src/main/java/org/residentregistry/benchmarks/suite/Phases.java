package org.residentregistry.benchmarks.suite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;

import org.residentregistry.benchmarks.suite.environment.ResourceProbe;
import org.residentregistry.benchmarks.suite.environment.ResourceSample;

/**
 * The suite's phases one after the other, each with its wall time and the resources read before and after it:
 * where the two cores went (server, PostgreSQL, load generator) and what the server holds afterwards.
 */
final class Phases {

    /** A phase's wall time and the resource samples around it. */
    record Phase(String name, Duration wall, ResourceSample before, ResourceSample after) {

        OptionalDouble serverCpu() {
            return used(ResourceSample::serverCpu);
        }

        OptionalDouble postgresCpu() {
            return used(ResourceSample::postgresCpu);
        }

        double harnessCpu() {
            return after.harnessCpu() - before.harnessCpu();
        }

        /** CPU seconds other processes of the shared machine used meanwhile (known when the harness started all). */
        OptionalDouble othersCpu() {
            OptionalDouble machine = used(ResourceSample::machineCpu);
            OptionalDouble server = serverCpu();
            OptionalDouble postgres = postgresCpu();
            if (machine.isEmpty() || server.isEmpty() || postgres.isEmpty()) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(Math.max(0, machine.getAsDouble() - server.getAsDouble()
                    - postgres.getAsDouble() - harnessCpu()));
        }

        private OptionalDouble used(Function<ResourceSample, OptionalDouble> cpu) {
            OptionalDouble from = cpu.apply(before);
            OptionalDouble to = cpu.apply(after);
            return from.isPresent() && to.isPresent() ? OptionalDouble.of(to.getAsDouble() - from.getAsDouble())
                    : OptionalDouble.empty();
        }
    }

    /** A phase's work. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws Exception;
    }

    private final ResourceProbe probe;
    private final List<Phase> done = new ArrayList<>();
    private final ResourceSample started;
    private ResourceSample last;

    Phases(ResourceProbe probe) throws Exception {
        this.probe = probe;
        this.started = probe.sample();
        this.last = started;
    }

    <T> T run(String name, Work<T> work) throws Exception {
        long start = System.nanoTime();
        T result = work.run();
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        ResourceSample after = probe.sample();
        done.add(new Phase(name, wall, last, after));
        last = after;
        return result;
    }

    /** Before the first phase: the server as it starts, with its accounts made. */
    ResourceSample started() {
        return started;
    }

    /** The phase of that name among {@code phases}. */
    static Phase named(List<Phase> phases, String name) {
        return phases.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    List<Phase> done() {
        return List.copyOf(done);
    }
}
