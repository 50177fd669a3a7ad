package org.residentregistry.replay;

import picocli.CommandLine.Option;

/** The {@code --format} option: a table for people, JSON for programs. */
final class OutputFormat {

    enum Format { table, json }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    boolean json() {
        return format == Format.json;
    }
}
