package org.residentregistry.benchmarks.suite;

import static org.residentregistry.benchmarks.suite.measure.Figures.clients;
import static org.residentregistry.benchmarks.suite.measure.Figures.count;
import static org.residentregistry.benchmarks.suite.measure.Figures.millis;
import static org.residentregistry.benchmarks.suite.measure.Figures.percent;
import static org.residentregistry.benchmarks.suite.measure.Figures.rate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.residentregistry.benchmarks.prefecture.Scale;
import org.residentregistry.benchmarks.suite.load.ClosedLoop;
import org.residentregistry.benchmarks.suite.query.QueryBenchmark;

/** The query-by-code rows of a report: each client count against its reference and issue 3's target, and the CPU. */
final class QueryReport {

    /** Issue 3's targets, on the 2-core machine. */
    static final double P99_MILLIS = 5;
    static final int TARGET_CLIENTS = 8;
    static final double RATE_AT_TARGET_CLIENTS = 3_000;
    static final long TARGET_RESIDENTS = 10_000_000;

    private QueryReport() {
    }

    /** A row for each count, then the CPU row of {@link #TARGET_CLIENTS} if that count was run. */
    static List<ReportRow> rows(List<QueryBenchmark.Result> queries, long residents, List<Phases.Phase> phases) {
        List<ReportRow> rows = new ArrayList<>();
        for (QueryBenchmark.Result q : queries) {
            rows.add(query(q, residents));
        }
        cpu(queries, phases).ifPresent(rows::add);
        return rows;
    }

    private static ReportRow query(QueryBenchmark.Result q, long residents) {
        ClosedLoop.Result registry = q.registry();
        String target = "—";
        String verdict = "—";
        if (q.clients() == TARGET_CLIENTS) {
            target = "p99 ≤ " + millis(P99_MILLIS) + " and ≥ " + rate(RATE_AT_TARGET_CLIENTS, "queries")
                    + " at " + Scale.format(TARGET_RESIDENTS);
            verdict = ReportRow.verdict(registry.latencies().p99Millis() <= P99_MILLIS
                    && registry.perSecond() >= RATE_AT_TARGET_CLIENTS)
                    + (residents < TARGET_RESIDENTS ? " (at " + Scale.format(residents) + ")" : "");
        }
        return new ReportRow("Query by resident code, " + clients(q.clients()),
                lookups(registry), lookups(q.reference()),
                percent(q.rateRatio()) + " of the rate; p99 " + String.format(Locale.ROOT, "×%.0f", q.p99Ratio()),
                target, verdict);
    }

    /**
     * CPU time per query at issue 3's client count: other work on the shared machine slows every rate down, but
     * changes what a query costs far less. The server's and PostgreSQL's for a query through the API (and the
     * harness's HTTP client, in brackets), against PostgreSQL's and the harness's for a plain JDBC lookup. Every call
     * of the count's phases is counted, its warm-up's too. The ratio is of the registry's whole use, idle included.
     * Absent when that count was not run.
     */
    private static Optional<ReportRow> cpu(List<QueryBenchmark.Result> queries, List<Phases.Phase> phases) {
        Optional<QueryBenchmark.Result> measured = queries.stream()
                .filter(q -> q.clients() == TARGET_CLIENTS).findFirst();
        if (measured.isEmpty()) {
            return Optional.empty();
        }
        QueryBenchmark.Result q = measured.get();
        String benchmark = "Query: CPU per query, " + clients(TARGET_CLIENTS);
        Phases.Phase registry = Phases.named(phases, QueryPhases.phase(q.clients(), true));
        Phases.Phase reference = Phases.named(phases, QueryPhases.phase(q.clients(), false));
        if (registry.serverCpu().isEmpty() || registry.postgresCpu().isEmpty() || reference.postgresCpu().isEmpty()) {
            return Optional.of(new ReportRow(benchmark, SuiteReport.NOT_MEASURED + " (a server the harness did not "
                    + "start)", SuiteReport.NOT_MEASURED, SuiteReport.NOT_MEASURED, "—", "—"));
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
        return Optional.of(new ReportRow(benchmark, "server " + millis(server) + " (" + millis(serverAboveIdle)
                        + " above its idle use) + PostgreSQL " + millis(postgres) + " (harness's HTTP client "
                        + millis(client) + ")",
                "PostgreSQL " + millis(plainPostgres) + " + harness " + millis(plainClient) + " per JDBC lookup",
                String.format(Locale.ROOT, "×%.0f the CPU", (server + postgres + client)
                        / (plainPostgres + plainClient)), "—", "—"));
    }

    private static String lookups(ClosedLoop.Result result) {
        return rate(result.perSecond(), "queries") + "; " + result.latencies().p50ToP999()
                + (result.failed() > 0 ? "; **" + count(result.failed()) + " failed**" : "");
    }
}
