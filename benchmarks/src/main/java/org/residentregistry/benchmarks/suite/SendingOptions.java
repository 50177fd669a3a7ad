package org.residentregistry.benchmarks.suite;

import org.residentregistry.benchmarks.prefecture.NotificationBatch;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How the municipal servers of a benchmark command send the prefecture through the API. */
final class SendingOptions {

    @Option(names = "--clients", defaultValue = "4",
            description = "Municipal servers sending at once during the initial load and the changes. "
                    + "Default: ${DEFAULT-VALUE}.")
    private int clients;

    @Option(names = "--batch-size", defaultValue = "1000",
            description = "Notifications a batch (1 to 1000), and rows a commit in the references. "
                    + "Default: ${DEFAULT-VALUE}.")
    private int batchSize;

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
        if (clients < 1) {
            throw new CommandLine.ParameterException(commandLine, "--clients must be positive");
        }
    }
}
