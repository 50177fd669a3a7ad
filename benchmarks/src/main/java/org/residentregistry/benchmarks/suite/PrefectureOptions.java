package org.residentregistry.benchmarks.suite;

import org.residentregistry.benchmarks.prefecture.NotificationBatch;
import org.residentregistry.benchmarks.prefecture.Scale;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Which synthetic prefecture a benchmark command loads, and how its municipal servers send it. */
final class PrefectureOptions {

    @Option(names = "--scale", defaultValue = "10k", converter = Scale.class,
            description = "Residents: 10k, 100k, 1M, 7.3M, 10M or any count. Default: ${DEFAULT-VALUE}.")
    private long residents;

    @Option(names = "--seed", defaultValue = "1",
            description = "The synthetic prefecture's seed. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--clients", defaultValue = "4",
            description = "Municipal servers sending at once during the initial load and the changes. "
                    + "Default: ${DEFAULT-VALUE}.")
    private int clients;

    @Option(names = "--batch-size", defaultValue = "1000",
            description = "Notifications a batch (1 to 1000), and rows a commit in the references. "
                    + "Default: ${DEFAULT-VALUE}.")
    private int batchSize;

    long residents() {
        return residents;
    }

    long seed() {
        return seed;
    }

    int clients() {
        return clients;
    }

    int batchSize() {
        return batchSize;
    }

    void validate(CommandLine commandLine) {
        if (batchSize < 1 || batchSize > NotificationBatch.MAX_ITEMS) {
            throw new CommandLine.ParameterException(commandLine, "--batch-size must be 1 to 1000");
        }
        if (residents < 1 || clients < 1) {
            throw new CommandLine.ParameterException(commandLine, "--scale and --clients must be positive");
        }
    }
}
