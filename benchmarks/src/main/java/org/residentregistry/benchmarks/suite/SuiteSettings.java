package org.residentregistry.benchmarks.suite;

import java.util.List;

/**
 * How a run was set up, as the report states it.
 *
 * @param clients              concurrent municipal servers during the initial load and the change stream
 * @param referenceConnections the numbers of connections the plain-JDBC inserts are tried with
 * @param queries              the query phases' client counts and periods
 * @param serverHeap           the server's {@code -Xmx}, or empty for a server the harness did not start
 * @param command              the command line that reproduces the run
 */
record SuiteSettings(long residents, long seed, int clients, int batchSize, int changeDays,
                     List<Integer> referenceConnections, QueryPhases.Settings queries, String serverHeap,
                     String command) {
}
