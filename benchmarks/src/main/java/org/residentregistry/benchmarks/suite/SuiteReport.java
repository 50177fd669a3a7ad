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
    static final double QUERY_P99_MILLIS = 5;
    static final int QUERY_TARGET_CLIENTS = 8;
    static final double QUERY_RATE_AT_TARGET_CLIENTS = 3_000;
    static final long QUERY_TARGET_RESIDENTS = 10_000_000;
    static final double REBUILD_EVENTS_PER_SECOND = 30_000;
    static final long FULL_PREFECTURE = 7_300_000;
    static final Duration FULL_PREFECTURE_LOAD = Duration.ofMinutes(15);

    private static final String NOT_MEASURED = "n/a";

    private record Row(String benchmark, String registry, String reference, String ratio, String target,
                       String verdict) {
        String markdown() {
            return "| " + String.join(" | ", benchmark, registry, reference, ratio, target, verdict) + " |";
        }
    }

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
                + s.changeDays() + " days of changes; the server warmed up with " + duration(s.serverWarmUp())
                + " of queries, then query phases of " + duration(s.queryPeriod()) + " after "
                + duration(s.warmUp()) + " of warm-up each; "
                + (s.serverHeap().isEmpty() ? "a server already running" : "server heap " + s.serverHeap())
                + ".");
        lines.add("- Command: `" + s.command() + "`");
        lines.add("- Answers as the rules require: " + (results.correct() ? "yes" : "**NO** (see below)") + ".");
        lines.add("");
        lines.add("| Benchmark | Registry | Plain PostgreSQL | Ratio | Target (issue 3) | Met |");
        lines.add("|---|---|---|---|---|---|");
        rows(results).forEach(row -> lines.add(row.markdown()));
        lines.add("");
        lines.addAll(phases(results));
        lines.add("");
        lines.addAll(answers(results));
        return String.join("\n", lines) + "\n";
    }

    private static List<Row> rows(SuiteResults results) {
        List<Row> rows = new ArrayList<>();
        InitialLoadBenchmark.Result load = results.initialLoad();
        PlainBatchInsert.Rates eventReference = results.ingestReference().rates();
        double ingestShare = load.shareOf(results.ingestReference());
        rows.add(new Row("Ingest: initial load through the API, " + clients(load.clients()),
                rate(load.perSecond(), "notifications") + "; per batch of " + count(results.settings().batchSize())
                        + ": " + load.batchLatencies().p50AndP99(),
                rates(eventReference, "event rows") + " into a copy of domain_event_entry",
                percent(ingestShare), "≥ " + percent(INGEST_SHARE_OF_REFERENCE) + " of the reference",
                verdict(ingestShare >= INGEST_SHARE_OF_REFERENCE)));
        rows.add(fullLoad(results));
        rows.add(ingestCpu(results));

        ChangeStreamBenchmark.Result changes = results.changes();
        rows.add(new Row("Changes: " + changes.days() + " days through the API, " + clients(changes.clients()),
                rate(changes.perSecond(), "notifications") + " (" + count(changes.notifications()) + " in "
                        + count(changes.batches()) + " batches); per batch: " + changes.batchLatencies().p50AndP99(),
                "—", "—", "every answer as the generator expects",
                changes.unexpected() == 0 ? "met" : "**missed**: " + count(changes.unexpected()) + " unexpected"));

        for (QueryBenchmark.Result q : results.queries()) {
            rows.add(query(q, results.settings().residents()));
        }
        queryCpu(results).ifPresent(rows::add);

        RebuildBenchmark.Result rebuild = results.rebuild();
        PlainBatchInsert.Rates rebuildReference = results.rebuildReference();
        rows.add(new Row("Projection rebuild (identity_current and identity_version)",
                rate(rebuild.perSecond(), "events") + " (" + count(rebuild.events()) + " in " + duration(rebuild.wall())
                        + ", request to switch)",
                rates(rebuildReference, "events") + ", a row in each table per event",
                percent(rebuild.perSecond() / rebuildReference.fastest().perSecond()),
                "≥ " + rate(REBUILD_EVENTS_PER_SECOND, "events"),
                verdict(rebuild.perSecond() >= REBUILD_EVENTS_PER_SECOND)));
        rows.add(new Row("Latency flat from 1M to 10M", "compare the 1M and 10M tables", "—", "—", "flat",
                NOT_MEASURED));

        rows.add(new Row("Server memory after the initial load",
                memory(results.phase(BenchmarkSuite.INITIAL_LOAD).after()), "—", "—", "—", "—"));
        return rows;
    }

    /** The wall time of the whole initial load and, below 7.3M residents, what it comes to at 7.3M. */
    private static Row fullLoad(SuiteResults results) {
        InitialLoadBenchmark.Result load = results.initialLoad();
        PlainBatchInsert.InsertRate reference = results.ingestReference().rates().fastest();
        String registry = duration(load.wall()) + " for " + Scale.format(load.notifications());
        String target = Scale.format(FULL_PREFECTURE) + " in < " + duration(FULL_PREFECTURE_LOAD);
        if (load.notifications() >= FULL_PREFECTURE) {
            return new Row("Initial load, wall time", registry, duration(reference.wall()), ratio(load.wall(),
                    reference.wall()), target, verdict(load.wall().compareTo(FULL_PREFECTURE_LOAD) <= 0));
        }
        Duration projected = Duration.ofNanos((long) (load.wall().toNanos()
                * ((double) FULL_PREFECTURE / load.notifications())));
        return new Row("Initial load, wall time", registry + "; at this rate " + Scale.format(FULL_PREFECTURE)
                + " would take " + duration(projected), duration(reference.wall()), ratio(load.wall(),
                reference.wall()), target, verdict(projected.compareTo(FULL_PREFECTURE_LOAD) <= 0)
                + " (projected)");
    }

    /**
     * CPU time per notification: other builds on the shared machine slow every rate down, but change what a
     * notification costs far less. The registry's cost is its server's and PostgreSQL's; the reference's is
     * PostgreSQL's (its client side is the harness, which writes the same JSON for both).
     */
    private static Row ingestCpu(SuiteResults results) {
        Phases.Phase load = results.phase(BenchmarkSuite.INITIAL_LOAD);
        Phases.Phase reference = results.phase(BenchmarkSuite.INGEST_REFERENCE);
        String benchmark = "Ingest: CPU per notification";
        if (load.serverCpu().isEmpty() || load.postgresCpu().isEmpty() || reference.postgresCpu().isEmpty()) {
            return new Row(benchmark, NOT_MEASURED + " (a server the harness did not start)", NOT_MEASURED,
                    NOT_MEASURED, "—", "—");
        }
        double notifications = results.initialLoad().notifications();
        double server = load.serverCpu().getAsDouble() * 1000 / notifications;
        double postgres = load.postgresCpu().getAsDouble() * 1000 / notifications;
        double referenceRows = notifications * results.settings().referenceConnections().size();
        double plain = reference.postgresCpu().getAsDouble() * 1000 / referenceRows;
        return new Row(benchmark, "server " + millis(server) + " + PostgreSQL " + millis(postgres),
                "PostgreSQL " + millis(plain) + " per event row", String.format(Locale.ROOT, "×%.0f the CPU",
                (server + postgres) / plain), "—", "—");
    }

    /**
     * CPU time per query at issue 3's client count, for the reason given at {@link #ingestCpu}: the server's and
     * PostgreSQL's for a query through the API (and the harness's HTTP client, in brackets), against PostgreSQL's
     * and the harness's for a plain JDBC lookup. Every call of the count's phases is counted, its warm-up's too. The
     * ratio is of the registry's whole use, idle included.
     * Absent when that count was not run.
     */
    private static Optional<Row> queryCpu(SuiteResults results) {
        Optional<QueryBenchmark.Result> measured = results.queries().stream()
                .filter(q -> q.clients() == QUERY_TARGET_CLIENTS).findFirst();
        if (measured.isEmpty()) {
            return Optional.empty();
        }
        QueryBenchmark.Result q = measured.get();
        String benchmark = "Query: CPU per query, " + clients(QUERY_TARGET_CLIENTS);
        Phases.Phase registry = results.phase(BenchmarkSuite.queryPhase(q.clients(), true));
        Phases.Phase reference = results.phase(BenchmarkSuite.queryPhase(q.clients(), false));
        if (registry.serverCpu().isEmpty() || registry.postgresCpu().isEmpty() || reference.postgresCpu().isEmpty()) {
            return Optional.of(new Row(benchmark, NOT_MEASURED + " (a server the harness did not start)",
                    NOT_MEASURED, NOT_MEASURED, "—", "—"));
        }
        double server = registry.serverCpu().getAsDouble() * 1000 / q.registryCalls();
        // The server's own use while only the reference runs (its schedulers, pollers and processors), at the
        // registry part's length: at a few hundred queries a second it is a good part of the figure above.
        double idle = reference.serverCpu().getAsDouble() * registry.wall().toNanos() / reference.wall().toNanos();
        double serverAboveIdle = (registry.serverCpu().getAsDouble() - idle) * 1000 / q.registryCalls();
        double postgres = registry.postgresCpu().getAsDouble() * 1000 / q.registryCalls();
        double client = registry.harnessCpu() * 1000 / q.registryCalls();
        double plainPostgres = reference.postgresCpu().getAsDouble() * 1000 / q.referenceCalls();
        double plainClient = reference.harnessCpu() * 1000 / q.referenceCalls();
        return Optional.of(new Row(benchmark, "server " + millis(server) + " (" + millis(serverAboveIdle)
                        + " above its idle use) + PostgreSQL " + millis(postgres) + " (harness's HTTP client "
                        + millis(client) + ")",
                "PostgreSQL " + millis(plainPostgres) + " + harness " + millis(plainClient) + " per JDBC lookup",
                String.format(Locale.ROOT, "×%.0f the CPU", (server + postgres + client)
                        / (plainPostgres + plainClient)), "—", "—"));
    }

    private static Row query(QueryBenchmark.Result q, long residents) {
        ClosedLoop.Result registry = q.registry();
        ClosedLoop.Result reference = q.reference();
        String target = "—";
        String verdict = "—";
        if (q.clients() == QUERY_TARGET_CLIENTS) {
            target = "p99 ≤ " + millis(QUERY_P99_MILLIS) + " and ≥ " + rate(QUERY_RATE_AT_TARGET_CLIENTS, "queries")
                    + " at " + Scale.format(QUERY_TARGET_RESIDENTS);
            verdict = verdict(registry.latencies().p99Millis() <= QUERY_P99_MILLIS
                    && registry.perSecond() >= QUERY_RATE_AT_TARGET_CLIENTS)
                    + (residents < QUERY_TARGET_RESIDENTS ? " (at " + Scale.format(residents) + ")" : "");
        }
        return new Row("Query by resident code, " + clients(q.clients()),
                lookups(registry), lookups(reference),
                percent(q.rateRatio()) + " of the rate; p99 " + String.format(Locale.ROOT, "×%.0f", q.p99Ratio()),
                target, verdict);
    }

    private static String lookups(ClosedLoop.Result result) {
        return rate(result.perSecond(), "queries") + "; " + result.latencies().p50ToP999()
                + (result.failed() > 0 ? "; **" + count(result.failed()) + " failed**" : "");
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

    private static String verdict(boolean met) {
        return met ? "met" : "**missed**";
    }

    private static String memory(ResourceSample sample) {
        return "heap used " + optionalBytes(sample.heapUsedBytes()) + ", RSS " + optionalBytes(sample.rssBytes())
                + " (peak " + optionalBytes(sample.peakRssBytes()) + ")";
    }

    private static List<String> phases(SuiteResults results) {
        List<String> lines = new ArrayList<>();
        lines.add("Phase by phase: wall time, CPU seconds used (" + results.machine().cores()
                + " cores give " + results.machine().cores() + " CPU seconds a second; the machine is shared, "
                + "so other processes' use is shown too), the server's memory and the database's size at the "
                + "end.");
        lines.add("");
        lines.add("| Phase | Wall | CPU server | CPU PostgreSQL | CPU harness | CPU other processes | Server heap "
                + "used | Server RSS (peak) | Database |");
        lines.add("|---|---|---|---|---|---|---|---|---|");
        ResourceSample started = results.started();
        lines.add("| server started, accounts made | — | " + optionalSeconds(started.serverCpu()) + " | "
                + optionalSeconds(started.postgresCpu()) + " | — | — | " + optionalBytes(started.heapUsedBytes())
                + " | " + optionalBytes(started.rssBytes()) + " (" + optionalBytes(started.peakRssBytes()) + ") | "
                + bytes(started.databaseBytes()) + " |");
        for (Phases.Phase p : results.phases()) {
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
