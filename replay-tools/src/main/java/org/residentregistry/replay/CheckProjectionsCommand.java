package org.residentregistry.replay;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.residentregistry.core.codes.ResidentCode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "check-projections", mixinStandardHelpOptions = true, versionProvider = ReplayTools.ManifestVersion.class,
        description = {
                "Rebuilds each resident code's current record from its events and compares it, field by field, with"
                        + " the read model the server serves (identity_current, or overseas_current with --file overseas),"
                        + " and the number of versions with identity_version (overseas_version). Reports every difference:"
                        + " resident code, field, the value the events make and the value the read model holds. Exit code 1"
                        + " on any difference.",
                "--sample draws resident codes from the event store; --all also finds read-model rows without events."
                        + " --all streams both sides in resident-code order (a merge join on server-side cursors), in"
                        + " bounded memory whatever the size. Every query sees one snapshot, so a check beside a running"
                        + " server reports no difference that ingest would make in the meantime."})
final class CheckProjectionsCommand extends StoreCommand {

    private static final int DEFAULT_SAMPLE = 1_000;

    @ArgGroup(exclusive = true)
    private Scope scope = new Scope();

    @Mixin
    private FileOption file;

    static final class Scope {
        @Option(names = "--sample", paramLabel = "N", description = "Check N resident codes drawn at random (default: " + DEFAULT_SAMPLE + ").")
        private int sample = DEFAULT_SAMPLE;

        @Option(names = "--all", description = "Check every resident code.")
        private boolean all;
    }

    /** How much was compared. */
    private record Counts(long residents, long events) {
    }

    @Override
    public Integer call() throws SQLException, UnreadableEventException, IOException {
        long started = System.nanoTime();
        try (Connection connection = database.connect();
             DifferenceReport report = DifferenceReport.of(output, stdout())) {
            Counts counts = scope.all ? checkAll(connection, file.events(), report)
                    : checkSample(connection, file.events(), scope.sample, report);
            double seconds = (System.nanoTime() - started) / 1e9;
            report.summary(new DifferenceReport.Summary(scope.all ? "all" : "sample of " + scope.sample,
                    file.events().currentTable + " and " + file.events().versionTable, counts.residents(), counts.events(), report.differences(), seconds, Math.round(counts.events() / seconds)));
            return (report.differences() == 0 ? ExitCode.OK : ExitCode.FINDING).code;
        }
    }

    private static <E> Counts checkSample(Connection connection, FileEvents<E> file, int size, DifferenceReport report)
            throws SQLException, UnreadableEventException, IOException {
        EventStore store = new EventStore(connection, file);
        ReadModels readModels = new ReadModels(connection, file);
        long events = 0;
        List<ResidentCode> residents = store.sampleOfResidents(size);
        for (ResidentCode code : residents) {
            ResidentEvents<E> resident = ResidentEvents.decode(code.value(), file, store.ofResident(code));
            events += resident.events().size();
            report.add(ProjectionCheck.differences(resident, readModels.current(code.value()).orElse(null),
                    readModels.versionCount(code.value())));
        }
        return new Counts(residents.size(), events);
    }

    /** A merge join of the events (by resident code, then sequence) with both read models (by resident code). */
    private static <E> Counts checkAll(Connection connection, FileEvents<E> file, DifferenceReport report)
            throws SQLException, UnreadableEventException, IOException {
        EventStore store = new EventStore(connection, file);
        ReadModels readModels = new ReadModels(connection, file);
        long residents = 0;
        long events = 0;
        try (Progress progress = Progress.start("Check", store::count);
             ByResident<StoredEvent> stored = new ByResident<>(store.inResidentOrder(), StoredEvent::residentCode);
             ByResident<Record> currentRows = new ByResident<>(readModels.currentInResidentOrder(), readModels::residentCode);
             ByResident<ReadModels.VersionCount> versionCounts = new ByResident<>(readModels.versionCountsInResidentOrder(),
                     ReadModels.VersionCount::residentCode)) {
            for (String code = ByResident.nextOf(stored, currentRows, versionCounts); code != null;
                 code = ByResident.nextOf(stored, currentRows, versionCounts)) {
                ResidentEvents<E> resident = ResidentEvents.decode(code, file, stored.take(code));
                List<Record> current = currentRows.take(code);
                int versions = versionCounts.take(code).stream().mapToInt(ReadModels.VersionCount::count).sum();
                List<Difference> differences = ProjectionCheck.differences(resident, current.isEmpty() ? null : current.get(0), versions);
                if (!differences.isEmpty()) {
                    // The bar redraws the line above it: it gives way to the report rather than overwrite it.
                    progress.close();
                }
                report.add(differences);
                residents++;
                events += resident.events().size();
                progress.stepBy(resident.events().size());
            }
        }
        return new Counts(residents, events);
    }
}
