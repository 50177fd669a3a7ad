package org.residentregistry.replay;

/** The registry's files (domain.md §1), as {@code --file} names them, with how each one's events read back. */
enum RegistryFile {
    identity(FileEvents.IDENTITY),
    overseas(FileEvents.OVERSEAS);

    final FileEvents<?> events;

    RegistryFile(FileEvents<?> events) {
        this.events = events;
    }
}
