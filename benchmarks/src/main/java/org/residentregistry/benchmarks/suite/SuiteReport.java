package org.residentregistry.benchmarks.suite;

import static org.residentregistry.benchmarks.suite.measure.Figures.bytes;
import static org.residentregistry.benchmarks.suite.measure.Figures.clients;
import static org.residentregistry.benchmarks.suite.measure.Figures.count;
import static org.residentregistry.benchmarks.suite.measure.Figures.duration;
import static org.residentregistry.benchmarks.suite.measure.Figures.millis;
import static org.residentregistry.benchmarks.suite.measure.Figures.percent;
import static org.residentregistry.benchmarks.suite.measure.Figures.rate;
import static org.residentregistry.benchmarks.suite.measure.Figures.seconds;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import org.residentregistry.benchmarks.prefecture.Dispatch.Delivery;
import org.residentregistry.benchmarks.prefecture.Scale;
import org.residentregistry.benchmarks.suite.environment.ResourceSample;
import org.residentregistry.benchmarks.suite.ingest.ChangeStreamBenchmark;
import org.residentregistry.benchmarks.suite.ingest.InitialLoadBenchmark;
import org.residentregistry.benchmarks.suite.ingest.Outcome;
import org.residentregistry.benchmarks.suite.load.ClosedLoop;
import org.residentregistry.benchmarks.suite.load.PlainBatchInsert;
import org.residentregistry.benchmarks.suite.query.QueryBenchmark;
import org.residentregistry.benchmarks.suite.rebuild.RebuildBenchmark;

/**
 * A run's figures as Markdown: one table of every benchmark with its plain-PostgreSQL reference, the ratio and
 * issue 3's target, then where the time, CPU and memory went phase by phase and how the answers compared with
 * what the generator expects. Figures only: no record, name or code of a resident.
 */
final class SuiteReport {

    /** Issue 3's targets, on the 2-core machine. */
    static final double INGEST_SHARE_OF_REFERENCE = 0.25;
    static final double REBUILD_EVENTS_PER_SECOND = 30_000;
    static final long FULL_PREFECTURE = 7_300_000;
    static final Duration FULL_PREFECTURE_LOAD = Duration.ofMinutes(15);

    static final String NOT_MEASURED = "n/a";

    private SuiteReport() {
    }

    static String markdown(SuiteResults results) {
        SuiteSettings s = results.settings();
        List<String> lines = new ArrayList<>();
        lines.add("### " + Scale.format(s.residents()) + " residents, "
                + results.at().format(DateTimeFormatter.ISO_LOCAL_DATE));
        lines.add("");
        lines.add("- Machine: " + results.machine().hardware() + "; " + results.machine().java() + "; "
                + results.machine().postgres() + " (" + results.machine().durability()
                + "), one database for the server and the references.");
        lines.add("- Run: " + count(s.residents()) + " residents, seed " + s.seed() + "; "
                + clients(s.clients()) + " (municipal servers) at once, batches of " + count(s.batchSize()) + "; "
                + s.changeDays() + " days of changes; the server warmed up with " + duration(s.queries().serverWarmUp())
                + " of queries, then query phases of " + duration(s.queries().period()) + " after "
                + duration(s.queries().warmUp()) + " of warm-up each; "
                + (s.serverHeap().isEmpty() ? "a server already running" : "server heap " + s.serverHeap())
                + ".");
        lines.add("- Command: `" + s.command() + "`");
        lines.add("- Answers as the rules require: " + (results.correct() ? "yes" : "**NO** (see below)") + ".");
        lines.add("");
        lines.add(ReportRow.HEADER);
        rows(results).forEach(row -> lines.add(row.markdown()));
        lines.add("");
        lines.addAll(phases(results.machine(), results.started(), results.phases()));
        lines.add("");
        lines.addAll(answers(results));
        return String.join("\n", lines) + "\n";
    }

    private static List<ReportRow> rows(SuiteResults results) {
        List<ReportRow> rows = new ArrayList<>();
        InitialLoadBenchmark.Result load = results.initialLoad();
        PlainBatchInsert.Rates eventReference = results.ingestReference().rates();
        double ingestShare = load.shareOf(results.ingestReference());
        rows.add(new ReportRow("Ingest: initial load through the API, " + clients(load.clients()),
                rate(load.perSecond(), "notifications") + "; per batch of " + count(results.settings().batchSize())
                        + ": " + load.batchLatencies().p50AndP99(),
                rates(eventReference, "event rows") + " into a copy of domain_event_entry",
                percent(ingestShare), "≥ " + percent(INGEST_SHARE_OF_REFERENCE) + " of the reference",
                ReportRow.verdict(ingestShare >= INGEST_SHARE_OF_REFERENCE)));
        rows.add(fullLoad(results));
        rows.add(ingestCpu(results));

        ChangeStreamBenchmark.Result changes = results.changes();
        rows.add(new ReportRow("Changes: " + changes.days() + " days through the API, " + clients(changes.clients()),
                rate(changes.perSecond(), "notifications") + " (" + count(changes.notifications()) + " in "
                        + count(changes.batches()) + " batches); per batch: " + changes.batchLatencies().p50AndP99(),
                "—", "—", "every answer as the generator expects",
                changes.unexpected() == 0 ? "met" : "**missed**: " + count(changes.unexpected()) + " unexpected"));

        rows.addAll(QueryReport.rows(results.queries(), results.settings().residents(), results.phases()));

        RebuildBenchmark.Result rebuild = results.rebuild();
        PlainBatchInsert.Rates rebuildReference = results.rebuildReference();
        rows.add(new ReportRow("Projection rebuild (identity_current and identity_version)",
                rate(rebuild.perSecond(), "events") + " (" + count(rebuild.events()) + " in " + duration(rebuild.wall())
                        + ", request to switch)",
                rates(rebuildReference, "events") + ", a row in each table per event",
                percent(rebuild.perSecond() / rebuildReference.fastest().perSecond()),
                "≥ " + rate(REBUILD_EVENTS_PER_SECOND, "events"),
                ReportRow.verdict(rebuild.perSecond() >= REBUILD_EVENTS_PER_SECOND)));
        rows.add(new ReportRow("Latency flat from 1M to 10M", "compare the 1M and 10M tables", "—", "—", "flat",
                NOT_MEASURED));

        rows.add(new ReportRow("Server memory after the initial load",
                memory(results.phase(BenchmarkSuite.INITIAL_LOAD).after()), "—", "—", "—", "—"));
        return rows;
    }

    /** The wall time of the whole initial load and, below 7.3M residents, what it comes to at 7.3M. */
    private static ReportRow fullLoad(SuiteResults results) {
        InitialLoadBenchmark.Result load = results.initialLoad();
        PlainBatchInsert.InsertRate reference = results.ingestReference().rates().fastest();
        String registry = duration(load.wall()) + " for " + Scale.format(load.notifications());
        String target = Scale.format(FULL_PREFECTURE) + " in < " + duration(FULL_PREFECTURE_LOAD);
        if (load.notifications() >= FULL_PREFECTURE) {
            return new ReportRow("Initial load, wall time", registry, duration(reference.wall()), ratio(load.wall(),
                    reference.wall()), target, ReportRow.verdict(load.wall().compareTo(FULL_PREFECTURE_LOAD) <= 0));
        }
        Duration projected = Duration.ofNanos((long) (load.wall().toNanos()
                * ((double) FULL_PREFECTURE / load.notifications())));
        return new ReportRow("Initial load, wall time", registry + "; at this rate " + Scale.format(FULL_PREFECTURE)
                + " would take " + duration(projected), duration(reference.wall()), ratio(load.wall(),
                reference.wall()), target, ReportRow.verdict(projected.compareTo(FULL_PREFECTURE_LOAD) <= 0)
                + " (projected)");
    }

    /**
     * CPU time per notification: other builds on the shared machine slow every rate down, but change what a
     * notification costs far less. The registry's cost is its server's and PostgreSQL's; the reference's is
     * PostgreSQL's (its client side is the harness, which writes the same JSON for both).
     */
    private static ReportRow ingestCpu(SuiteResults results) {
        Phases.Phase load = results.phase(BenchmarkSuite.INITIAL_LOAD);
        Phases.Phase reference = results.phase(BenchmarkSuite.INGEST_REFERENCE);
        String benchmark = "Ingest: CPU per notification";
        if (load.serverCpu().isEmpty() || load.postgresCpu().isEmpty() || reference.postgresCpu().isEmpty()) {
            return new ReportRow(benchmark, NOT_MEASURED + " (a server the harness did not start)", NOT_MEASURED,
                    NOT_MEASURED, "—", "—");
        }
        double notifications = results.initialLoad().notifications();
        double server = load.serverCpu().getAsDouble() * 1000 / notifications;
        double postgres = load.postgresCpu().getAsDouble() * 1000 / notifications;
        double referenceRows = notifications * results.settings().referenceConnections().size();
        double plain = reference.postgresCpu().getAsDouble() * 1000 / referenceRows;
        return new ReportRow(benchmark, "server " + millis(server) + " + PostgreSQL " + millis(postgres),
                "PostgreSQL " + millis(plain) + " per event row", String.format(Locale.ROOT, "×%.0f the CPU",
                (server + postgres) / plain), "—", "—");
    }

    /** {@code 70,123 event rows/s (2 conn.); 38,000 event rows/s (1 conn.)}, fastest first. */
    private static String rates(PlainBatchInsert.Rates rates, String what) {
        PlainBatchInsert.InsertRate fastest = rates.fastest();
        String others = rates.byConnections().stream().filter(r -> r != fastest)
                .map(r -> "; " + rate(r.perSecond(), what) + " (" + r.connections() + " conn.)")
                .collect(Collectors.joining());
        return rate(fastest.perSecond(), what) + " (" + fastest.connections() + " conn.)" + others;
    }

    private static String ratio(Duration registry, Duration reference) {
        return String.format(Locale.ROOT, "×%.0f the time", registry.toNanos() / (double) reference.toNanos());
    }

    private static String memory(ResourceSample sample) {
        return "heap used " + optionalBytes(sample.heapUsedBytes()) + ", RSS " + optionalBytes(sample.rssBytes())
                + " (peak " + optionalBytes(sample.peakRssBytes()) + ")";
    }

    /** The table of a run's phases, for this report and the query benchmark's. */
    static List<String> phases(Machine machine, ResourceSample started, List<Phases.Phase> phases) {
        List<String> lines = new ArrayList<>();
        lines.add("Phase by phase: wall time, CPU seconds used (" + machine.cores()
                + " cores give " + machine.cores() + " CPU seconds a second; the machine is shared, "
                + "so other processes' use is shown too), the server's memory and the database's size at the "
                + "end.");
        lines.add("");
        lines.add("| Phase | Wall | CPU server | CPU PostgreSQL | CPU harness | CPU other processes | Server heap "
                + "used | Server RSS (peak) | Database |");
        lines.add("|---|---|---|---|---|---|---|---|---|");
        lines.add("| server started, accounts made | — | " + optionalSeconds(started.serverCpu()) + " | "
                + optionalSeconds(started.postgresCpu()) + " | — | — | " + optionalBytes(started.heapUsedBytes())
                + " | " + optionalBytes(started.rssBytes()) + " (" + optionalBytes(started.peakRssBytes()) + ") | "
                + bytes(started.databaseBytes()) + " |");
        for (Phases.Phase p : phases) {
            ResourceSample after = p.after();
            lines.add("| " + p.name() + " | " + duration(p.wall()) + " | " + optionalSeconds(p.serverCpu())
                    + " | " + optionalSeconds(p.postgresCpu()) + " | " + seconds(p.harnessCpu()) + " | "
                    + optionalSeconds(p.othersCpu()) + " | "
                    + optionalBytes(after.heapUsedBytes()) + " | " + optionalBytes(after.rssBytes()) + " ("
                    + optionalBytes(after.peakRssBytes()) + ") | " + bytes(after.databaseBytes()) + " |");
        }
        return lines;
    }

    private static List<String> answers(SuiteResults results) {
        List<String> lines = new ArrayList<>();
        InitialLoadBenchmark.Result load = results.initialLoad();
        lines.add("Answers: the initial load's " + count(load.notifications()) + " notifications got "
                + outcomes(load.outcomes()) + "; identity_current gained " + count(load.residentsAdded())
                + " rows (" + (load.everyResidentStored() ? "one per resident" : "**expected "
                + count(load.notifications()) + "**") + "); " + count(load.resends()) + " batches resent. "
                + String.format(Locale.ROOT, "Event payload and metadata: %,.0f bytes a row in the registry, "
                + "%,.0f in the reference.", load.payloadBytesPerEvent(), results.ingestReference()
                .payloadBytesPerRow()));
        lines.add("");
        ChangeStreamBenchmark.Result changes = results.changes();
        lines.add("| Change stream, sent as | Sent | Expected | Answered |");
        lines.add("|---|---|---|---|");
        for (Map.Entry<Delivery, Map<Outcome, Long>> kind : changes.outcomes().entrySet()) {
            lines.add("| " + kind.getKey() + " | " + count(changes.sent(kind.getKey())) + " | "
                    + ChangeStreamBenchmark.expected(kind.getKey()) + " | " + outcomes(kind.getValue()) + " |");
        }
        return lines;
    }

    /** {@code APPLIED 1,000, REJECTED/NOT_HOLDER 2} */
    private static String outcomes(Map<Outcome, Long> outcomes) {
        return outcomes.entrySet().stream().map(e -> e.getKey() + " " + count(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String optionalBytes(OptionalLong value) {
        return value.isPresent() ? bytes(value.getAsLong()) : NOT_MEASURED;
    }

    private static String optionalSeconds(OptionalDouble value) {
        return value.isPresent() ? seconds(value.getAsDouble()) : NOT_MEASURED;
    }
}
