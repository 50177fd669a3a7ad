package org.residentregistry.replay;

import java.sql.Connection;
import java.sql.SQLException;

import org.residentregistry.core.codes.ResidentCode;
import picocli.CommandLine.Option;

/** The {@code --resident} option, and that resident code's events from the store. */
final class ResidentOption {

    @Option(names = "--resident", required = true, paramLabel = "CODE", description = "The resident code (住民票コード).")
    private ResidentCode resident;

    String code() {
        return resident.value();
    }

    /** The resident code's events, in one query on the store's (aggregate_identifier, sequence_number) index. */
    ResidentEvents events(DatabaseOptions database) throws SQLException, UnreadableEventException {
        try (Connection connection = database.connect()) {
            return ResidentEvents.decode(code(), new EventStore(connection).ofResident(code()));
        }
    }
}
