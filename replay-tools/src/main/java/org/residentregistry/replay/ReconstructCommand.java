package org.residentregistry.replay;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.residentregistry.core.identity.IdentityEvent;
import org.residentregistry.core.notification.NotificationKey;
import org.residentregistry.projections.identity.IdentityRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "reconstruct", mixinStandardHelpOptions = true, versionProvider = ReplayTools.ManifestVersion.class,
        description = {
                "Replays one resident code's events from the event store and prints the record as the file held it at an"
                        + " instant: the last version that changed the record among those received by then (the server's"
                        + " asOf rule), with the notification that produced it.",
                "Before the first version the resident is not in the file (exit code 1); after a removal the record"
                        + " shows with status REMOVED."})
final class ReconstructCommand extends StoreCommand {

    /** The registry's files (domain.md §1). */
    enum RegistryFile { identity, overseas }

    @Mixin
    private ResidentOption resident;

    @Option(names = "--as-of", required = true, paramLabel = "T", converter = Instants.EndOfDay.class,
            description = "An instant with an offset (2026-04-01T09:00:00+09:00), or a date: the end of that day in Japan.")
    private Instant asOf;

    @Option(names = "--file", defaultValue = "identity", paramLabel = "FILE",
            description = "The file: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private RegistryFile file;

    /** What the file held: {@code record} is null when the resident was not in it at that instant. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Reconstruction(String residentCode, RegistryFile file, Instant asOf, boolean inFile, Instant firstReceivedAt,
                          String event, NotificationKey notification, IdentityRow record) {
    }

    @Override
    public Integer call() throws SQLException, UnreadableEventException, IOException {
        if (file == RegistryFile.overseas) {
            throw new ParameterException(spec.commandLine(),
                    "--file overseas: the overseas-address file (附票) is not in the registry yet; only identity is.");
        }
        ResidentEvents events = resident.events(database);
        Optional<IdentityEvent> version = events.asOf(asOf);
        Reconstruction reconstruction = version
                .map(e -> new Reconstruction(resident.code(), file, asOf, true, null, IdentityEvents.typeName(e),
                        e.notification().key(), IdentityRow.of(e)))
                .orElseGet(() -> new Reconstruction(resident.code(), file, asOf, false,
                        events.firstReceivedAt().orElse(null), null, null, null));
        PrintWriter out = stdout();
        if (output.json()) {
            JsonOutput.print(out, reconstruction);
        } else {
            printTable(out, reconstruction);
        }
        return (version.isPresent() ? ExitCode.OK : ExitCode.FINDING).code;
    }

    private static void printTable(PrintWriter out, Reconstruction r) {
        if (!r.inFile()) {
            out.println(r.firstReceivedAt() == null
                    ? "The event store holds no events for resident code " + r.residentCode() + "."
                    : "Resident code " + r.residentCode() + " is not in the " + r.file() + " file at " + Text.of(r.asOf())
                            + ": its first version was received at " + Text.of(r.firstReceivedAt()) + ".");
            return;
        }
        IdentityRow record = r.record();
        out.println("Resident code " + r.residentCode() + " in the " + r.file() + " file at " + Text.of(r.asOf()) + ":");
        out.println("version " + record.version() + " (" + r.event() + "), " + record.status() + ", held by "
                + record.municipalityCode() + ", from notification " + Text.of(r.notification()) + " received at "
                + Text.of(record.receivedAt()));
        out.println();
        Table table = new Table(out, new String[] {"field", "value"}, RecordFields.widestName(IdentityRow.class));
        for (RecordFields.Field field : RecordFields.of(record)) {
            table.row(field.name(), field.value());
        }
    }
}
