package org.residentregistry.replay;

import java.sql.Connection;
import java.sql.SQLException;

import org.residentregistry.core.codes.ResidentCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code --resident} and {@code --file} options, and that resident code's events in that file from the store. */
final class ResidentOption {

    @Option(names = "--resident", required = true, paramLabel = "CODE", description = "The resident code (住民票コード).")
    private ResidentCode resident;

    @Mixin
    private FileOption file;

    String code() {
        return resident.value();
    }

    RegistryFile file() {
        return file.file();
    }

    /** The resident code's events in the file, in one query on the store's (aggregate_identifier, sequence_number) index. */
    <E> ResidentEvents<E> events(DatabaseOptions database, FileEvents<E> events) throws SQLException, UnreadableEventException {
        try (Connection connection = database.connect()) {
            return ResidentEvents.decode(code(), events, new EventStore(connection, events).ofResident(resident));
        }
    }
}
