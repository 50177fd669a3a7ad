package org.residentregistry.replay;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.residentregistry.core.identity.ChangeReason;
import org.residentregistry.core.identity.IdentityEvent;
import org.residentregistry.core.notification.NotificationKey;
import org.residentregistry.core.notification.NotificationOutcome.Effect;
import org.residentregistry.core.overseas.ChangeKind;
import org.residentregistry.core.overseas.OverseasEvent;
import org.residentregistry.projections.identity.IdentityRow;
import org.residentregistry.projections.overseas.OverseasRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "history", mixinStandardHelpOptions = true, versionProvider = ReplayTools.ManifestVersion.class,
        description = {
                "Lists every version of one resident code's record in a file, from the event store: the notification"
                        + " that made it (municipality and update sequence), change reason (identity file) or change"
                        + " kind (overseas-address file), change date, when it was received, whether it changed the"
                        + " current record or only the history (identity file), and the status after it.",
                "A resident-code change shows on both codes in the identity file: the old code's history ends with"
                        + " ResidentCodeSuperseded naming the new code, the new code's starts with ResidentCodeChanged"
                        + " naming the old one. In the overseas-address file the new code's record names the old one."})
final class HistoryCommand extends StoreCommand {

    private static final int REASON_WIDTH = Math.max(widestName(ChangeReason.values()), widestName(ChangeKind.values()));

    @Mixin
    private ResidentOption resident;

    /**
     * One version of the record, as the history lists it: a change reason and effect in the identity file, a change
     * kind in the overseas-address file (where every version changes the current record).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Version(int version, String event, NotificationKey notification, String changeReason, String changeKind,
                   LocalDate changeDate, Instant receivedAt, Effect effect, String status, String previousResidentCode,
                   String supersededBy) {

        static Version of(IdentityEvent e) {
            IdentityRow row = IdentityRow.of(e);
            return new Version(row.version(), FileEvents.typeName(e), e.notification().key(), row.changeReason(), null,
                    row.changeDate(), row.receivedAt(), e.effect(), row.status(), row.previousResidentCode(),
                    row.supersededBy());
        }

        static Version of(OverseasEvent e) {
            OverseasRow row = OverseasRow.of(e);
            return new Version(row.version(), FileEvents.typeName(e), e.notification().key(), null, row.changeKind(),
                    row.changeDate(), row.receivedAt(), null, row.status(), row.previousResidentCode(), null);
        }
    }

    record History(String residentCode, RegistryFile file, List<Version> versions) {
    }

    @Override
    public Integer call() throws SQLException, UnreadableEventException, IOException {
        History history = switch (resident.file()) {
            case identity -> history(FileEvents.IDENTITY, Version::of);
            case overseas -> history(FileEvents.OVERSEAS, Version::of);
        };
        PrintWriter out = stdout();
        if (output.json()) {
            JsonOutput.print(out, history);
        } else if (history.versions().isEmpty()) {
            out.println("The event store holds no events for resident code " + history.residentCode() + " in the "
                    + history.file() + " file.");
        } else {
            printTable(out, history, resident.file().events.widestTypeName());
        }
        return (history.versions().isEmpty() ? ExitCode.FINDING : ExitCode.OK).code;
    }

    private <E> History history(FileEvents<E> file, Function<E, Version> version)
            throws SQLException, UnreadableEventException {
        ResidentEvents<E> events = resident.events(database, file);
        return new History(resident.code(), resident.file(), events.events().stream().map(version).toList());
    }

    private static void printTable(PrintWriter out, History history, int eventWidth) {
        out.println("History of resident code " + history.residentCode() + " in the " + history.file() + " file: "
                + history.versions().size() + " version(s)");
        out.println();
        boolean identity = history.file() == RegistryFile.identity;
        Table table = new Table(out,
                new String[] {"version", "event", "notification", identity ? "change reason" : "change kind",
                        "change date", "received at", "effect", "status", "resident-code change"},
                0, eventWidth, 18, REASON_WIDTH, 10, Text.INSTANT_WIDTH, 15, 7);
        for (Version v : history.versions()) {
            table.row(v.version(), v.event(), v.notification(), identity ? v.changeReason() : v.changeKind(),
                    v.changeDate(), v.receivedAt(), v.effect(), v.status(), codeChange(v));
        }
    }

    private static String codeChange(Version v) {
        if (v.supersededBy() != null) {
            return "continues under " + v.supersededBy();
        }
        return v.previousResidentCode() == null ? "" : "continues " + v.previousResidentCode();
    }

    private static int widestName(Enum<?>[] values) {
        return Arrays.stream(values).mapToInt(value -> value.name().length()).max().orElseThrow();
    }
}
