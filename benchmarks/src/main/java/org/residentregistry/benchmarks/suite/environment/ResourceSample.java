package org.residentregistry.benchmarks.suite.environment;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What the server and its database hold and have used at one moment. Empty where the harness cannot see it: the
 * memory and CPU of a server it did not start, the CPU of a database it did not start.
 *
 * @param heapUsedBytes   the server's heap in use, from its metrics
 * @param rssBytes        the server process's resident memory
 * @param peakRssBytes    the most resident memory the server process has had
 * @param databaseBytes   the size of the registry's database on disk
 * @param serverCpu       CPU seconds the server process has used since it started
 * @param postgresCpu     CPU seconds PostgreSQL's processes have used since it started
 * @param harnessCpu      CPU seconds the harness (load generator and references' client side) has used
 * @param machineCpu      CPU seconds every process of the machine has used since it booted: the machine is shared
 */
public record ResourceSample(OptionalLong heapUsedBytes, OptionalLong rssBytes, OptionalLong peakRssBytes,
                             long databaseBytes, OptionalDouble serverCpu, OptionalDouble postgresCpu,
                             double harnessCpu, OptionalDouble machineCpu) {
}
