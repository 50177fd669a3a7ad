package org.residentregistry.replay;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.notification.NotificationKey;
import org.residentregistry.projections.RowCursor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = ReplayTools.ManifestVersion.class,
        description = {
                "Writes one file's events received in a period (by the time the registry received their notification)"
                        + " to a file as JSON lines, in the store's global order, for an external audit: one object per event"
                        + " with its global index, resident code, sequence number, event type, payload revision and the"
                        + " payload as stored, dates and instants as ISO-8601 text.",
                "The store has no index on the time of receipt, so the whole store is read, through a server-side"
                        + " cursor. A progress bar shows on a terminal. The file is readable by its owner only, and"
                        + " appears only once complete (it is written as FILE.partial first)."})
final class ExportCommand extends StoreCommand {

    private static final ObjectWriter LINE = FileEvents.STORE_JSON.writer();

    @Option(names = "--from", required = true, paramLabel = "T1", converter = Instants.StartOfDay.class,
            description = "Start of the period, included: an instant with an offset, or a date (from the start of that day in Japan).")
    private Instant from;

    @Option(names = "--to", required = true, paramLabel = "T2", converter = Instants.StartOfNextDay.class,
            description = "End of the period, excluded: an instant with an offset, or a date (that whole day included).")
    private Instant to;

    @Option(names = "--municipality", paramLabel = "M",
            description = "Only the events of this municipality's notifications (6-digit code with check digit).")
    private MunicipalityCode municipality;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The JSON-lines file to write (replaced if it exists).")
    private Path out;

    @Mixin
    private FileOption file;

    /**
     * One line of the export. The payload is the event read from the store and written again with the tool's mapping:
     * the stored fields, with dates and instants as ISO-8601 text whichever form the store holds them in.
     */
    record ExportedEvent(long globalIndex, String residentCode, long sequenceNumber, String eventType,
                         String payloadRevision, Object payload) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Summary(long exported, long read, Instant from, Instant to, MunicipalityCode municipality, String out) {
    }

    @Override
    public Integer call() throws SQLException, UnreadableEventException, IOException {
        if (!from.isBefore(to)) {
            throw new ParameterException(spec.commandLine(), "--from must be before --to.");
        }
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        Summary summary;
        try {
            summary = export(partial);
            Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (SQLException | UnreadableEventException | IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        PrintWriter console = stdout();
        if (output.json()) {
            JsonOutput.print(console, summary);
        } else {
            console.println("Exported " + summary.exported() + " of " + summary.read() + " events (received from "
                    + Text.of(from) + " to " + Text.of(to) + (municipality == null ? "" : ", municipality " + municipality)
                    + ") to " + out);
        }
        return ExitCode.OK.code;
    }

    private Summary export(Path partial) throws SQLException, UnreadableEventException, IOException {
        return export(partial, file.events());
    }

    private <E> Summary export(Path partial, FileEvents<E> events) throws SQLException, UnreadableEventException, IOException {
        long exported = 0;
        long read = 0;
        try (Connection connection = database.connect()) {
            EventStore store = new EventStore(connection, events);
            try (Progress progress = Progress.start("Export", store::count);
                 RowCursor<StoredEvent> stream = store.inGlobalOrder();
                 OutputStream lines = new BufferedOutputStream(createOwnerOnly(partial))) {
                while (stream.hasNext()) {
                    StoredEvent stored = stream.next();
                    read++;
                    progress.step();
                    E event = events.decode(stored);
                    if (selected(events.receivedAt.apply(event), events.notificationKey.apply(event))) {
                        lines.write(LINE.writeValueAsBytes(new ExportedEvent(stored.globalIndex(), stored.residentCode(),
                                stored.sequenceNumber(), stored.payloadType(), stored.payloadRevision(), event)));
                        lines.write('\n');
                        exported++;
                    }
                }
            }
        }
        return new Summary(exported, read, from, to, municipality, out.toString());
    }

    private boolean selected(Instant receivedAt, NotificationKey key) {
        return !receivedAt.isBefore(from) && receivedAt.isBefore(to)
                && (municipality == null || municipality.equals(key.municipalityCode()));
    }

    /** The export holds personal data: only its owner may read it, from the moment it exists. */
    private static OutputStream createOwnerOnly(Path path) throws IOException {
        Files.deleteIfExists(path);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(path);
        }
        return Files.newOutputStream(path);
    }
}
