package org.residentregistry.benchmarks.suite.search;

import static org.residentregistry.benchmarks.suite.measure.Figures.clients;
import static org.residentregistry.benchmarks.suite.measure.Figures.count;
import static org.residentregistry.benchmarks.suite.measure.Figures.duration;
import static org.residentregistry.benchmarks.suite.measure.Figures.millis;
import static org.residentregistry.benchmarks.suite.measure.Figures.percent;
import static org.residentregistry.benchmarks.suite.measure.Figures.rate;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

import org.residentregistry.benchmarks.prefecture.Scale;
import org.residentregistry.benchmarks.suite.ingest.ChangeStreamBenchmark;
import org.residentregistry.benchmarks.suite.ingest.InitialLoadBenchmark;
import org.residentregistry.benchmarks.suite.load.ClosedLoop;
import org.residentregistry.benchmarks.suite.measure.Latencies;

/**
 * A search run's figures as Markdown: per combination and number of clients the registry's latencies, rate and CPU
 * per search against the same statements by plain JDBC, the answers' sizes, and issue 4's 15 ms target; then the
 * freshness check. Figures only: no name, date or code of a resident.
 */
final class SearchReport {

    /** Issue 4: p99 of a search through HTTP, the provision-log entry included. */
    static final double P99_TARGET_MILLIS = 15;
    /** Issue 4: an acknowledged notification is findable within this, p99. */
    static final double FRESHNESS_TARGET_MILLIS = 1_000;

    private final SearchSuite.Settings settings;
    private final OffsetDateTime at;
    private final InitialLoadBenchmark.Result load;
    private final SearchBenchmark.Results searches;
    private final Map<SearchCombination, SearchPlans.Plan> plans;
    private final ChangeStreamBenchmark.Result changes;
    private final Freshness.Result freshness;

    /** {@code load}, {@code changes} and {@code freshness} are null where the run did not do them. */
    SearchReport(SearchSuite.Settings settings, OffsetDateTime at, InitialLoadBenchmark.Result load,
                 SearchBenchmark.Results searches, Map<SearchCombination, SearchPlans.Plan> plans,
                 ChangeStreamBenchmark.Result changes, Freshness.Result freshness) {
        this.settings = settings;
        this.at = at;
        this.load = load;
        this.searches = searches;
        this.plans = plans;
        this.changes = changes;
        this.freshness = freshness;
    }

    boolean correct() {
        return searches.correct() && (changes == null || changes.unexpected() == 0)
                && (freshness == null || freshness.neverFound() == 0);
    }

    String markdown() {
        List<String> lines = new ArrayList<>();
        lines.add("### Four-field search, " + Scale.format(settings.residents()) + " residents, "
                + at.format(DateTimeFormatter.ISO_LOCAL_DATE));
        lines.add("");
        settings.setup().forEach(line -> lines.add("- " + line));
        lines.add("- Registry: " + (load == null ? "held its residents before the run (seeded, or loaded earlier)"
                : count(load.notifications()) + " residents loaded through the API in " + duration(load.wall())
                + " (" + rate(load.perSecond(), "notifications") + ")") + "; `ANALYZE` before searching.");
        SearchBenchmark.Periods p = settings.periods();
        lines.add("- Searches: drawn from up to " + count(settings.perCombination()) + " residents per combination "
                + "(unchanged since the load); server warmed up for " + duration(p.serverWarmUp())
                + " with every combination mixed at 8 clients (" + rate(searches.warmUp().perSecond(), "searches")
                + " at the end); then per combination and clients " + duration(p.warmUp()) + " of warm-up and "
                + duration(p.measured()) + " measured, the plain-JDBC reference " + duration(p.warmUp()) + " and "
                + duration(p.referenceMeasured()) + "; limit " + SearchBenchmark.LIMIT + " (the default).");
        lines.add("- Answers as required: " + (correct() ? "yes" : "**NO**") + " (every search's resident found, "
                + "or the answer truncated before it).");
        lines.add("");
        lines.add("| Combination | Clients | Registry p50 / p99 / p99.9 | Searches/s | CPU per search: server + "
                + "PostgreSQL | Plain JDBC p50 / p99 / p99.9 | Searches/s | PostgreSQL CPU per search | Registry ÷ "
                + "plain: rate; p99 | Residents matched: mean / max; truncated | p99 ≤ 15 ms |");
        lines.add("|---|---|---|---|---|---|---|---|---|---|---|");
        for (SearchBenchmark.Result r : searches.runs()) {
            lines.add("| " + String.join(" | ", r.combination().label(), clients(r.clients()),
                    latencies(r.registry()), perSecond(r.registry()),
                    cpu(r.registryCpu().serverMillis()) + " + " + cpu(r.registryCpu().postgresMillis()),
                    latencies(r.reference()), perSecond(r.reference()),
                    cpu(r.referenceCpu().postgresMillis()),
                    percent(r.rateRatio()) + "; ×" + String.format(Locale.ROOT, "%.0f", r.p99Ratio()),
                    String.format(Locale.ROOT, "%,.0f / %s; %s", r.answers().totalMean(),
                            count(r.answers().totalMax()), percent(r.answers().truncatedShare())),
                    verdict(r)) + " |");
        }
        lines.add("");
        lines.add("Load average (1, 5, 15 min) at the end of each run: "
                + String.join("; ", searches.runs().stream().map(SearchBenchmark.Result::loadAverage).distinct()
                .limit(6).toList()) + (searches.runs().size() > 6 ? "…" : "") + ".");
        long otherMatch = searches.runs().stream().mapToLong(r -> r.answers().otherMatch()).sum();
        long beyond = searches.runs().stream().mapToLong(r -> r.answers().beyondPage()).sum();
        long answered = searches.runs().stream().mapToLong(r -> r.answers().answers()).sum();
        lines.add("Of " + count(answered) + " answers of the registry, " + count(beyond) + " were truncated before "
                + "the resident searched for and " + count(otherMatch) + " held them with another `match` than "
                + "expected.");
        lines.add("");
        lines.add("| Combination | `EXPLAIN (ANALYZE, BUFFERS)`, slowest of 5: execution (planning) | Scans | "
                + "Buffers hit / read |");
        lines.add("|---|---|---|---|");
        plans.forEach((combination, plan) -> lines.add("| " + combination.label() + " | "
                + millis(plan.executionMillis()) + " (" + millis(plan.planningMillis()) + ") | "
                + String.join(", ", plan.scans()) + " | " + count(plan.sharedHit()) + " / " + count(plan.sharedRead())
                + " |"));
        if (freshness != null) {
            lines.add("");
            Latencies f = freshness.untilFound();
            lines.add("| Freshness | Change stream | Searched for | Found by the first search | Never found | "
                    + "Answer to the batch → found: p50 / p99 / p99.9 / max | p99 ≤ 1 s |");
            lines.add("|---|---|---|---|---|---|---|");
            lines.add("| last change of each batch, by kana + day + whole address | " + changes.days() + " days, "
                    + count(changes.notifications()) + " notifications in " + count(changes.batches()) + " batches, "
                    + clients(changes.clients()) + ", " + rate(changes.perSecond(), "notifications") + " | "
                    + count(freshness.checked()) + " | " + count(freshness.firstSearch()) + " | "
                    + count(freshness.neverFound()) + " | " + millis(f.p50Millis()) + " / " + millis(f.p99Millis())
                    + " / " + millis(f.p999Millis()) + " / " + millis(f.maxMillis()) + " | "
                    + (freshness.neverFound() == 0 && f.p99Millis() <= FRESHNESS_TARGET_MILLIS ? "met" : "**missed**")
                    + " |");
        }
        lines.add("");
        return String.join("\n", lines);
    }

    private static String latencies(ClosedLoop.Result r) {
        Latencies l = r.latencies();
        return millis(l.p50Millis()) + " / " + millis(l.p99Millis()) + " / " + millis(l.p999Millis());
    }

    private static String perSecond(ClosedLoop.Result r) {
        return String.format(Locale.ROOT, "%,.0f", r.perSecond());
    }

    private static String cpu(OptionalDouble millis) {
        return millis.isPresent() ? millis(millis.getAsDouble()) : "n/a";
    }

    private static String verdict(SearchBenchmark.Result r) {
        if (!r.correct()) {
            return "**wrong answers**";
        }
        return r.registry().latencies().p99Millis() <= P99_TARGET_MILLIS ? "met" : "**missed**";
    }
}
