package org.residentregistry.benchmarks.suite;

import org.residentregistry.benchmarks.prefecture.Scale;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Which synthetic prefecture a benchmark command loads, seeds or draws its queries from. */
final class PrefectureOptions {

    @Option(names = "--scale", defaultValue = "10k", converter = Scale.class,
            description = "Residents: 10k, 100k, 1M, 7.3M, 10M or any count. Default: ${DEFAULT-VALUE}.")
    private long residents;

    @Option(names = "--seed", defaultValue = "1",
            description = "The synthetic prefecture's seed. Default: ${DEFAULT-VALUE}.")
    private long seed;

    long residents() {
        return residents;
    }

    long seed() {
        return seed;
    }

    void validate(CommandLine commandLine) {
        if (residents < 1) {
            throw new CommandLine.ParameterException(commandLine, "--scale must be positive");
        }
    }
}
