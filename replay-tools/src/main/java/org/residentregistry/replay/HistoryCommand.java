package org.residentregistry.replay;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.residentregistry.core.identity.ChangeReason;
import org.residentregistry.core.identity.IdentityEvent;
import org.residentregistry.core.notification.NotificationKey;
import org.residentregistry.core.notification.NotificationOutcome.Effect;
import org.residentregistry.projections.identity.IdentityRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "history", mixinStandardHelpOptions = true, versionProvider = ReplayTools.ManifestVersion.class,
        description = {
                "Lists every version of one resident code's record in the identity file, from the event store: the"
                        + " notification that made it (municipality and update sequence), change reason, change date,"
                        + " when it was received, whether it changed the current record or only the history, and the"
                        + " status after it.",
                "A resident-code change shows on both codes: the old code's history ends with ResidentCodeSuperseded"
                        + " naming the new code, the new code's starts with ResidentCodeChanged naming the old one."})
final class HistoryCommand extends StoreCommand {

    private static final int EVENT_WIDTH = Arrays.stream(IdentityEvent.class.getPermittedSubclasses())
            .mapToInt(type -> type.getSimpleName().length()).max().orElseThrow();
    private static final int REASON_WIDTH = Arrays.stream(ChangeReason.values())
            .mapToInt(reason -> reason.name().length()).max().orElseThrow();

    @Mixin
    private ResidentOption resident;

    /** One version of the record, as the history lists it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Version(int version, String event, NotificationKey notification, String changeReason, LocalDate changeDate,
                   Instant receivedAt, Effect effect, String status, String previousResidentCode, String supersededBy) {

        static Version of(IdentityEvent e) {
            IdentityRow row = IdentityRow.of(e);
            return new Version(row.version(), IdentityEvents.typeName(e), e.notification().key(), row.changeReason(),
                    row.changeDate(), row.receivedAt(), e.effect(), row.status(), row.previousResidentCode(),
                    row.supersededBy());
        }
    }

    record History(String residentCode, List<Version> versions) {
    }

    @Override
    public Integer call() throws SQLException, UnreadableEventException, IOException {
        ResidentEvents events = resident.events(database);
        History history = new History(resident.code(), events.events().stream().map(Version::of).toList());
        PrintWriter out = stdout();
        if (output.json()) {
            JsonOutput.print(out, history);
        } else if (history.versions().isEmpty()) {
            out.println("The event store holds no events for resident code " + history.residentCode() + ".");
        } else {
            printTable(out, history);
        }
        return (history.versions().isEmpty() ? ExitCode.FINDING : ExitCode.OK).code;
    }

    private static void printTable(PrintWriter out, History history) {
        out.println("History of resident code " + history.residentCode() + " in the identity file: "
                + history.versions().size() + " version(s)");
        out.println();
        Table table = new Table(out,
                new String[] {"version", "event", "notification", "change reason", "change date", "received at",
                        "effect", "status", "resident-code change"},
                0, EVENT_WIDTH, 18, REASON_WIDTH, 10, Text.INSTANT_WIDTH, 15, 7);
        for (Version v : history.versions()) {
            table.row(v.version(), v.event(), v.notification(), v.changeReason(), v.changeDate(), v.receivedAt(),
                    v.effect(), v.status(), codeChange(v));
        }
    }

    private static String codeChange(Version v) {
        if (v.supersededBy() != null) {
            return "continues under " + v.supersededBy();
        }
        return v.previousResidentCode() == null ? "" : "continues " + v.previousResidentCode();
    }
}
