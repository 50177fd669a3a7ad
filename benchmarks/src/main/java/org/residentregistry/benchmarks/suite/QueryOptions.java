package org.residentregistry.benchmarks.suite;

import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The query-by-code phases' options, the same in the whole suite and in the query benchmark alone. */
final class QueryOptions {

    @Option(names = "--query-clients", defaultValue = "1,8,32", split = ",",
            description = "Concurrent clients of the query phases. Default: ${DEFAULT-VALUE}.")
    private List<Integer> clients;

    @Option(names = "--query-seconds", defaultValue = "20",
            description = "Measured seconds of each query phase. Default: ${DEFAULT-VALUE}.")
    private double seconds;

    @Option(names = "--server-warmup-seconds", defaultValue = "60",
            description = "Seconds of queries at the most query clients before the first query phase, so that the "
                    + "server's JIT has compiled the query path. Default: ${DEFAULT-VALUE}.")
    private double serverWarmUpSeconds;

    @Option(names = "--warmup-seconds", defaultValue = "5",
            description = "Warm-up seconds before each query phase. Default: ${DEFAULT-VALUE}.")
    private double warmUpSeconds;

    QueryPhases.Settings settings() {
        return new QueryPhases.Settings(List.copyOf(clients), Commands.seconds(serverWarmUpSeconds),
                Commands.seconds(warmUpSeconds), Commands.seconds(seconds));
    }

    void validate(CommandLine commandLine) {
        if (seconds <= 0 || warmUpSeconds < 0 || serverWarmUpSeconds < 0 || clients.stream().anyMatch(c -> c < 1)) {
            throw new CommandLine.ParameterException(commandLine,
                    "--query-seconds and every query client count must be positive, the warm-ups at least 0");
        }
    }
}
