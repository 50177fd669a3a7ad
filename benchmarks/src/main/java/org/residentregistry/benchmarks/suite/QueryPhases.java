package org.residentregistry.benchmarks.suite;

import static org.residentregistry.benchmarks.suite.measure.Figures.clients;
import static org.residentregistry.benchmarks.suite.measure.Figures.count;
import static org.residentregistry.benchmarks.suite.measure.Figures.duration;
import static org.residentregistry.benchmarks.suite.measure.Figures.percent;
import static org.residentregistry.benchmarks.suite.measure.Figures.rate;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.residentregistry.benchmarks.prefecture.SyntheticPrefecture;
import org.residentregistry.benchmarks.suite.environment.Accounts;
import org.residentregistry.benchmarks.suite.environment.RegistryEnvironment;
import org.residentregistry.benchmarks.suite.load.ClosedLoop;
import org.residentregistry.benchmarks.suite.query.QueryBenchmark;
import org.residentregistry.benchmarks.suite.query.ResidentSample;

/**
 * The query-by-code benchmark as phases of a run: the server's long warm-up at the most clients, then each count's
 * registry part and reference part, each a phase of its own so that the report can say what a query cost each
 * process. Prints each count's figures as it finishes.
 */
final class QueryPhases {

    private static final String WARM_UP = "query warm-up of the server";
    /** Enough codes that queries spread over the whole table; few enough to hold in memory at 10M. */
    private static final int SAMPLE = 100_000;

    /**
     * @param clients      the client counts, measured in this order
     * @param serverWarmUp queries sent before the first count is measured, at the most clients
     * @param warmUp       before each count's registry part and reference part
     * @param period       each part's measured period
     */
    record Settings(List<Integer> clients, Duration serverWarmUp, Duration warmUp, Duration period) {
    }

    private QueryPhases() {
    }

    static List<QueryBenchmark.Result> run(Settings settings, Phases phases, SyntheticPrefecture prefecture,
                                           RegistryEnvironment registry, Accounts accounts, PrintWriter out)
            throws Exception {
        QueryBenchmark benchmark = new QueryBenchmark(ResidentSample.of(prefecture, SAMPLE), registry.http(),
                accounts.operator(), registry.database(), settings.warmUp(), settings.period());
        if (!settings.serverWarmUp().isZero()) {
            int warmUpClients = Collections.max(settings.clients());
            ClosedLoop.Result warmUp = phases.run(WARM_UP, () ->
                    benchmark.warmUpServer(warmUpClients, settings.serverWarmUp()));
            out.printf(Locale.ROOT, "query warm-up of the server, %s for %s: %s%n", clients(warmUpClients),
                    duration(settings.serverWarmUp()), rate(warmUp.perSecond(), "queries"));
        }
        List<QueryBenchmark.Result> queries = new ArrayList<>();
        for (int count : settings.clients()) {
            QueryBenchmark.RegistryPart registryPart = phases.run(phase(count, true), () ->
                    benchmark.registry(count));
            QueryBenchmark.Result result = phases.run(phase(count, false), () ->
                    benchmark.reference(registryPart));
            print(result, out);
            queries.add(result);
        }
        return queries;
    }

    /** The name of a query phase: one count's registry part or its plain-JDBC part. */
    static String phase(int clients, boolean registry) {
        return "queries, " + clients(clients) + ": " + (registry ? "registry" : "plain JDBC");
    }

    /** Whether every query of the registry and of the reference was answered. */
    static boolean allAnswered(List<QueryBenchmark.Result> queries) {
        return queries.stream().allMatch(q -> q.registry().failed() == 0 && q.reference().failed() == 0);
    }

    private static void print(QueryBenchmark.Result q, PrintWriter out) {
        out.printf(Locale.ROOT, "query by resident code, %s:%n", clients(q.clients()));
        print("registry (HTTP)", q.registry(), out);
        print("plain JDBC", q.reference(), out);
        out.printf(Locale.ROOT, "  registry/plain: %s of the rate, p99 ×%.0f%n", percent(q.rateRatio()),
                q.p99Ratio());
        out.flush();
    }

    private static void print(String who, ClosedLoop.Result r, PrintWriter out) {
        out.printf(Locale.ROOT, "  %-16s %s, %s%s%n", who, rate(r.perSecond(), "queries"),
                r.latencies().p50ToP999(),
                r.failed() == 0 ? "" : "; " + count(r.failed()) + " failed, first: " + r.firstFailure());
    }
}
