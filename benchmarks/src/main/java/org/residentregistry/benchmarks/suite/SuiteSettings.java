package org.residentregistry.benchmarks.suite;

import java.time.Duration;
import java.util.List;

/**
 * How a run was set up, as the report states it.
 *
 * @param clients              concurrent municipal servers during the initial load and the change stream
 * @param referenceConnections the numbers of connections the plain-JDBC inserts are tried with
 * @param serverWarmUp         queries sent to the server before the first query count is measured
 * @param serverHeap           the server's {@code -Xmx}, or empty for a server the harness did not start
 * @param command              the command line that reproduces the run
 */
record SuiteSettings(long residents, long seed, int clients, int batchSize, int changeDays,
                     List<Integer> referenceConnections, List<Integer> queryClients, Duration serverWarmUp, Duration warmUp,
                     Duration queryPeriod, String serverHeap, String command) {
}
