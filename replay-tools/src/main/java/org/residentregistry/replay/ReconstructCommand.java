package org.residentregistry.replay;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.residentregistry.core.notification.NotificationKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "reconstruct", mixinStandardHelpOptions = true, versionProvider = ReplayTools.ManifestVersion.class,
        description = {
                "Replays one resident code's events in a file (the identity file, or the overseas-address file 附票)"
                        + " from the event store and prints the record as the file held it at an instant: the last"
                        + " version that changed the record among those received by then (the server's asOf rule),"
                        + " with the notification that produced it.",
                "Before the first version the resident is not in the file (exit code 1); after a removal the record"
                        + " shows with status REMOVED."})
final class ReconstructCommand extends StoreCommand {

    @Mixin
    private ResidentOption resident;

    @Option(names = "--as-of", required = true, paramLabel = "T", converter = Instants.EndOfDay.class,
            description = "An instant with an offset (2026-04-01T09:00:00+09:00), or a date: the end of that day in Japan.")
    private Instant asOf;

    /**
     * What the file held: {@code record} (the file's read-model row) is null when the resident was not in it at that
     * instant; {@code status} and {@code municipalityCode} (holding, or managing the annex) repeat the record's.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Reconstruction(String residentCode, RegistryFile file, Instant asOf, boolean inFile, Instant firstReceivedAt,
                          String event, Integer version, String status, String municipalityCode, Instant receivedAt,
                          NotificationKey notification, Record record) {
    }

    @Override
    public Integer call() throws SQLException, UnreadableEventException, IOException {
        Reconstruction reconstruction = reconstruct(resident.file().events);
        PrintWriter out = stdout();
        if (output.json()) {
            JsonOutput.print(out, reconstruction);
        } else {
            printTable(out, reconstruction, resident.file().events.holderRole);
        }
        return (reconstruction.inFile() ? ExitCode.OK : ExitCode.FINDING).code;
    }

    private <E> Reconstruction reconstruct(FileEvents<E> file) throws SQLException, UnreadableEventException {
        ResidentEvents<E> events = resident.events(database, file);
        Optional<E> version = events.asOf(asOf);
        return version
                .map(e -> new Reconstruction(resident.code(), resident.file(), asOf, true, null, FileEvents.typeName(e),
                        file.version.applyAsInt(e), file.status.apply(e), file.holder.apply(e), file.receivedAt.apply(e),
                        file.notificationKey.apply(e), file.row.apply(e)))
                .orElseGet(() -> new Reconstruction(resident.code(), resident.file(), asOf, false,
                        events.firstReceivedAt().orElse(null), null, null, null, null, null, null, null));
    }

    private static void printTable(PrintWriter out, Reconstruction r, String holderRole) {
        if (!r.inFile()) {
            out.println(r.firstReceivedAt() == null
                    ? "The event store holds no events for resident code " + r.residentCode() + " in the " + r.file() + " file."
                    : "Resident code " + r.residentCode() + " is not in the " + r.file() + " file at " + Text.of(r.asOf())
                            + ": its first version was received at " + Text.of(r.firstReceivedAt()) + ".");
            return;
        }
        out.println("Resident code " + r.residentCode() + " in the " + r.file() + " file at " + Text.of(r.asOf()) + ":");
        out.println("version " + r.version() + " (" + r.event() + "), " + r.status() + ", " + holderRole + " "
                + r.municipalityCode() + ", from notification " + Text.of(r.notification()) + " received at "
                + Text.of(r.receivedAt()));
        out.println();
        Table table = new Table(out, new String[] {"field", "value"}, RecordFields.widestName(r.record().getClass()));
        for (RecordFields.Field field : RecordFields.of(r.record())) {
            table.row(field.name(), field.value());
        }
    }
}
