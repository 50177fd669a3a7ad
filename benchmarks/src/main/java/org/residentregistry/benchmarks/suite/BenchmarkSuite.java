package org.residentregistry.benchmarks.suite;

import static org.residentregistry.benchmarks.suite.measure.Figures.clients;
import static org.residentregistry.benchmarks.suite.measure.Figures.count;
import static org.residentregistry.benchmarks.suite.measure.Figures.duration;
import static org.residentregistry.benchmarks.suite.measure.Figures.percent;
import static org.residentregistry.benchmarks.suite.measure.Figures.rate;

import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import org.residentregistry.benchmarks.prefecture.SyntheticPrefecture;
import org.residentregistry.benchmarks.suite.environment.Accounts;
import org.residentregistry.benchmarks.suite.environment.RegistryEnvironment;
import org.residentregistry.benchmarks.suite.ingest.ChangeStreamBenchmark;
import org.residentregistry.benchmarks.suite.ingest.EventTableReference;
import org.residentregistry.benchmarks.suite.ingest.InitialLoadBenchmark;
import org.residentregistry.benchmarks.suite.load.PlainBatchInsert;
import org.residentregistry.benchmarks.suite.query.QueryBenchmark;
import org.residentregistry.benchmarks.suite.rebuild.ReadModelReference;
import org.residentregistry.benchmarks.suite.rebuild.RebuildBenchmark;

/**
 * The benchmarks in the order they build on each other: the ingest reference on the empty database, the initial
 * load, the changes after it, the read-model reference, then queries against the loaded registry. Each prints
 * its figures as it finishes.
 */
final class BenchmarkSuite {

    static final String INGEST_REFERENCE = "ingest reference";
    static final String INITIAL_LOAD = "initial load";
    static final String REBUILD = "rebuild";

    private final SuiteSettings settings;
    private final RegistryEnvironment registry;
    private final PrintWriter out;

    BenchmarkSuite(SuiteSettings settings, RegistryEnvironment registry, PrintWriter out) {
        this.settings = settings;
        this.registry = registry;
        this.out = out;
    }

    SuiteResults run() throws Exception {
        OffsetDateTime at = OffsetDateTime.now();
        Machine machine = Machine.describe(registry.database());
        out.println("machine: " + machine.hardware() + "; " + machine.java() + "; " + machine.postgres() + " ("
                + machine.durability() + ")");
        SyntheticPrefecture prefecture = SyntheticPrefecture.saitama(settings.seed(), settings.residents());
        Accounts accounts = Accounts.create(registry.http(), registry.adminToken(), prefecture.municipalities());
        Phases phases = new Phases(registry.probe(accounts.operationsToken()));

        EventTableReference.Result ingestReference = phases.run(INGEST_REFERENCE, () ->
                EventTableReference.run(prefecture, registry.database(), settings.referenceConnections(),
                        settings.batchSize()));
        print("ingest reference (plain batched JDBC into a copy of domain_event_entry)", ingestReference.rates(),
                "event rows");

        InitialLoadBenchmark.Result load = phases.run(INITIAL_LOAD, () ->
                InitialLoadBenchmark.run(prefecture, registry.http(), registry.database(), accounts,
                        settings.clients(), settings.batchSize()));
        print(load, ingestReference);

        ChangeStreamBenchmark.Result changes = phases.run("changes", () ->
                ChangeStreamBenchmark.run(prefecture, settings.changeDays(), registry.http(), accounts,
                        settings.clients(), settings.batchSize()));
        print(changes);

        RebuildBenchmark.Result rebuild = phases.run(REBUILD, () ->
                RebuildBenchmark.run(registry.http(), registry.adminToken(), registry.database()));
        PlainBatchInsert.Rates rebuildReference = phases.run("read-model reference", () ->
                ReadModelReference.run(prefecture, registry.database(), settings.referenceConnections(),
                        settings.batchSize()));
        print(rebuild, rebuildReference);

        List<QueryBenchmark.Result> queries = QueryPhases.run(settings.queries(), phases, prefecture, registry,
                accounts, out);

        return new SuiteResults(settings, machine, at, ingestReference, load, changes, rebuild, rebuildReference, queries,
                phases.started(), phases.done());
    }

    private void print(String what, PlainBatchInsert.Rates rates, String unit) {
        out.println(what + ":");
        for (PlainBatchInsert.InsertRate r : rates.byConnections()) {
            out.printf(Locale.ROOT, "  %d conn.: %s, %s%n", r.connections(), rate(r.perSecond(), unit),
                    duration(r.wall()));
        }
        out.flush();
    }

    private void print(InitialLoadBenchmark.Result load, EventTableReference.Result reference) {
        PlainBatchInsert.InsertRate fastest = reference.rates().fastest();
        out.printf(Locale.ROOT, "initial load through the API: %s notifications in %s with %s: %s; per "
                        + "batch %s; %s of the reference (%s, %d connections)%n", count(load.notifications()),
                duration(load.wall()), clients(load.clients()), rate(load.perSecond(), "notifications"),
                load.batchLatencies().p50AndP99(),
                percent(load.shareOf(reference)), rate(fastest.perSecond(), "event rows"),
                fastest.connections());
        out.printf(Locale.ROOT, "  answers %s; identity_current gained %s rows (%s); %s batches resent%n",
                load.outcomes(), count(load.residentsAdded()), load.everyResidentStored() ? "ok" : "MISMATCH",
                count(load.resends()));
        out.flush();
    }

    private void print(RebuildBenchmark.Result rebuild, PlainBatchInsert.Rates reference) {
        PlainBatchInsert.InsertRate fastest = reference.fastest();
        out.printf(Locale.ROOT, "projection rebuild (identity_current and identity_version, through the admin API): "
                        + "%s events in %s: %s; %s of the reference (%s, %d connections)%n", count(rebuild.events()),
                duration(rebuild.wall()), rate(rebuild.perSecond(), "events"),
                percent(rebuild.perSecond() / fastest.perSecond()), rate(fastest.perSecond(), "events"),
                fastest.connections());
        print("  reference (plain batched JDBC into copies of identity_current and identity_version)", reference,
                "events");
    }

    private void print(ChangeStreamBenchmark.Result changes) {
        out.printf(Locale.ROOT, "changes through the API: %d days, %s notifications in %s batches, %s: %s; per "
                        + "batch %s; %s batches resent%n", changes.days(), count(changes.notifications()),
                count(changes.batches()), duration(changes.wall()), rate(changes.perSecond(), "notifications"),
                changes.batchLatencies().p50AndP99(), count(changes.resends()));
        changes.outcomes().forEach((delivery, answers) -> out.printf(Locale.ROOT,
                "  %s (expected %s): %s%n", delivery, ChangeStreamBenchmark.expected(delivery), answers));
        out.printf(Locale.ROOT, "  unexpected answers: %s%n", count(changes.unexpected()));
        out.flush();
    }
}
