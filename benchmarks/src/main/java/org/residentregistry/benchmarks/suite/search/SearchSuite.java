package org.residentregistry.benchmarks.suite.search;

import static org.residentregistry.benchmarks.suite.measure.Figures.clients;
import static org.residentregistry.benchmarks.suite.measure.Figures.count;
import static org.residentregistry.benchmarks.suite.measure.Figures.duration;
import static org.residentregistry.benchmarks.suite.measure.Figures.rate;

import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.residentregistry.benchmarks.prefecture.SyntheticPrefecture;
import org.residentregistry.benchmarks.suite.environment.Accounts;
import org.residentregistry.benchmarks.suite.environment.RegistryEnvironment;
import org.residentregistry.benchmarks.suite.ingest.ChangeStreamBenchmark;
import org.residentregistry.benchmarks.suite.ingest.InitialLoadBenchmark;

/**
 * The four-field search benchmark of issue 4 in one run: the synthetic prefecture loaded through the API unless the
 * registry already holds it, the searches measured combination by combination against plain JDBC, then a change
 * stream during which every batch's last change is searched for as soon as it is acknowledged. Prints each figure
 * as it is measured and answers the Markdown report.
 */
public final class SearchSuite {

    private static final String CURRENT_RECORDS = "SELECT count(*) FROM identity_current";

    /**
     * How a run is set up.
     *
     * @param clients       municipal servers sending at once during the load and the change stream
     * @param combinations   the combinations searched, in their order
     * @param perCombination residents each combination's searches are drawn from
     * @param changeDays    days of changes sent in the freshness phase (0: none)
     * @param setup         lines describing the machine and the run, for the report
     */
    public record Settings(long residents, long seed, int clients, int batchSize, List<Integer> searchClients,
                           SearchBenchmark.Periods periods, Set<SearchCombination> combinations,
                           int perCombination, int changeDays,
                           List<String> setup) {
    }

    /** The run's figures as Markdown, and whether every answer was the one required. */
    public record Outcome(String markdown, boolean correct) {
    }

    private SearchSuite() {
    }

    public static Outcome run(Settings settings, RegistryEnvironment registry, PrintWriter out) throws Exception {
        OffsetDateTime at = OffsetDateTime.now();
        SyntheticPrefecture prefecture = SyntheticPrefecture.saitama(settings.seed(), settings.residents());
        Accounts accounts = Accounts.create(registry.http(), registry.adminToken(), prefecture.municipalities());

        InitialLoadBenchmark.Result load = loadUnlessLoaded(settings, prefecture, registry, accounts, out);
        // As autovacuum would have by the time anyone searches a registry just loaded: plans need the statistics.
        registry.database().execute("ANALYZE");

        SearchSample sample = SearchSample.draw(prefecture, settings.combinations(), settings.perCombination(),
                registry.database());
        SearchBenchmark.Results searches = SearchBenchmark.run(settings.searchClients(), settings.periods(), sample,
                registry.http(), accounts.operator(), registry.database(), registry.probe(accounts.operationsToken()),
                result -> print(result, out));
        out.printf(Locale.ROOT, "server warm-up: %s of mixed searches at 8 clients, %s%n",
                duration(settings.periods().serverWarmUp()), rate(searches.warmUp().perSecond(), "searches"));

        Map<SearchCombination, SearchPlans.Plan> plans = SearchPlans.explain(sample, registry.database());
        plans.forEach((combination, plan) -> out.printf(Locale.ROOT, "plan of %s (slowest of 5): %.2f ms, %s, "
                        + "buffers hit %d read %d%n", combination.label(), plan.executionMillis(), plan.scans(),
                plan.sharedHit(), plan.sharedRead()));

        Freshness.Result freshness = null;
        ChangeStreamBenchmark.Result changes = null;
        if (settings.changeDays() > 0) {
            Freshness check = new Freshness(registry.http(), accounts.operator());
            changes = ChangeStreamBenchmark.run(prefecture, settings.changeDays(), registry.http(), accounts,
                    settings.clients(), settings.batchSize(), check);
            freshness = check.result();
            out.printf(Locale.ROOT, "freshness during %d days of changes (%s notifications, %s): %s searched for, "
                            + "%s found by the first search, %s never; answer to found: %s, max %.1f ms%n",
                    changes.days(), count(changes.notifications()), rate(changes.perSecond(), "notifications"),
                    count(freshness.checked()), count(freshness.firstSearch()), count(freshness.neverFound()),
                    freshness.untilFound().p50ToP999(), freshness.untilFound().maxMillis());
        }
        out.flush();
        SearchReport report = new SearchReport(settings, at, load, searches, plans, changes, freshness);
        return new Outcome(report.markdown(), report.correct());
    }

    private static InitialLoadBenchmark.Result loadUnlessLoaded(Settings settings, SyntheticPrefecture prefecture,
                                                                RegistryEnvironment registry, Accounts accounts,
                                                                PrintWriter out) throws Exception {
        long held = registry.database().queryLong(CURRENT_RECORDS);
        // A registry loaded before may have gained residents since: a freshness phase's births and arrivals.
        if (held >= prefecture.size()) {
            out.println("the registry already holds " + count(held) + " residents: not loaded again");
            return null;
        }
        if (held != 0) {
            throw new IllegalStateException("the registry holds " + count(held) + " residents, neither none nor the "
                    + count(prefecture.size()) + " of the scale asked or more");
        }
        InitialLoadBenchmark.Result load = InitialLoadBenchmark.run(prefecture, registry.http(), registry.database(),
                accounts, settings.clients(), settings.batchSize());
        out.printf(Locale.ROOT, "initial load through the API: %s notifications in %s with %s: %s; answers %s%n",
                count(load.notifications()), duration(load.wall()), clients(load.clients()),
                rate(load.perSecond(), "notifications"), load.outcomes());
        if (!load.everyNotificationApplied() || !load.everyResidentStored()) {
            throw new IllegalStateException("the initial load was not applied in full: " + load.outcomes());
        }
        return load;
    }

    private static void print(SearchBenchmark.Result r, PrintWriter out) {
        out.printf(Locale.ROOT, "%s, %s (%d searches drawn): registry %s, %s; plain JDBC %s, %s; total mean %.0f, "
                        + "max %s, truncated %.0f%%%s%n", r.combination().label(), clients(r.clients()), r.searches(),
                rate(r.registry().perSecond(), "searches"), r.registry().latencies().p50ToP999(),
                rate(r.reference().perSecond(), "searches"), r.reference().latencies().p50ToP999(),
                r.answers().totalMean(), count(r.answers().totalMax()), r.answers().truncatedShare() * 100,
                r.correct() ? "" : "; WRONG ANSWERS, first: " + firstFailure(r));
        out.flush();
    }

    private static String firstFailure(SearchBenchmark.Result r) {
        return r.registry().firstFailure() != null ? r.registry().firstFailure() : r.reference().firstFailure();
    }
}
