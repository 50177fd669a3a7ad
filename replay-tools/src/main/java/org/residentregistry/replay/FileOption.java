package org.residentregistry.replay;

import picocli.CommandLine.Option;

/** The {@code --file} option: which of the registry's files a command reads, the identity file unless told. */
final class FileOption {

    @Option(names = "--file", defaultValue = "identity", paramLabel = "FILE",
            description = "The file: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private RegistryFile file;

    RegistryFile file() {
        return file;
    }

    /** How the file's events read back. */
    FileEvents<?> events() {
        return file.events;
    }
}
