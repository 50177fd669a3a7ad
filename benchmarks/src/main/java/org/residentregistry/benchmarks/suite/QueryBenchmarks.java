package org.residentregistry.benchmarks.suite;

import static org.residentregistry.benchmarks.suite.measure.Figures.bytes;
import static org.residentregistry.benchmarks.suite.measure.Figures.count;
import static org.residentregistry.benchmarks.suite.measure.Figures.duration;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.residentregistry.benchmarks.prefecture.Scale;
import org.residentregistry.benchmarks.prefecture.SyntheticPrefecture;
import org.residentregistry.benchmarks.suite.environment.Accounts;
import org.residentregistry.benchmarks.suite.environment.RegistryEnvironment;
import org.residentregistry.benchmarks.suite.query.QueryBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 3's query-by-code benchmark alone, on a registry filled by the seeder ({@code --seed-database}) or kept by
 * an earlier run ({@code --reuse-database}), so that the figures at 10M do not wait for an hour of loading through
 * the API: the same phases, reference and report rows as the whole suite's. Exits 1 when a query went unanswered.
 */
@Command(name = "query-benchmarks", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the registry's query-by-resident-code benchmark against plain PostgreSQL on a seeded or "
                + "kept registry and writes a Markdown table.")
public final class QueryBenchmarks implements Callable<Integer> {

    @CommandLine.Mixin
    private PrefectureOptions prefecture;

    @CommandLine.Mixin
    private QueryOptions queries;

    @Option(names = "--reuse-database",
            description = "Query the registry a run with --keep-database or --seed-database left in --work-dir.")
    private boolean reuseDatabase;

    @Option(names = "--seed-database",
            description = "Fill a new database in --work-dir with the seeder first; it is kept, for --reuse-database.")
    private boolean seedDatabase;

    @Option(names = "--report", description = "Markdown file to write the table to (also printed at the end).")
    private Path report;

    @CommandLine.Mixin
    private ServerOptions server;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new QueryBenchmarks()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        OffsetDateTime at = OffsetDateTime.now();
        SyntheticPrefecture prefecture = SyntheticPrefecture.saitama(this.prefecture.seed(),
                this.prefecture.residents());
        String origin = seedDatabase ? RegistrySeeding.seed(server, prefecture, 0, out)
                : "Reused the registry kept in `" + server.launch().workFolder() + "`.";
        List<String> lines = new ArrayList<>();
        boolean answered;
        try (RegistryEnvironment registry = RegistryEnvironment.relaunch(server.launch(), server.postgresSettings())) {
            Machine machine = Machine.describe(registry.database());
            long stored = registry.database().queryLong("SELECT count(*) FROM identity_current");
            Accounts accounts = Accounts.create(registry.http(), registry.adminToken(), List.of());
            Phases phases = new Phases(registry.probe(accounts.operationsToken()));
            QueryPhases.Settings settings = queries.settings();
            List<QueryBenchmark.Result> results = QueryPhases.run(settings, phases, prefecture, registry, accounts, out);
            answered = QueryPhases.allAnswered(results);
            lines.add("### Query by resident code, " + Scale.format(prefecture.size()) + " residents, "
                    + at.format(DateTimeFormatter.ISO_LOCAL_DATE));
            lines.add("");
            lines.add("- Machine: " + machine.hardware() + "; " + machine.java() + "; " + machine.postgres() + " ("
                    + machine.durability() + "), one database for the server and the reference; server heap "
                    + server.serverHeap() + ".");
            lines.add("- Registry: " + origin + " identity_current holds " + count(stored) + " rows; database "
                    + bytes(registry.database().queryLong("SELECT pg_database_size(current_database())")) + ".");
            lines.add("- Run: the server warmed up with " + duration(settings.serverWarmUp())
                    + " of queries, then query phases of " + duration(settings.period()) + " after "
                    + duration(settings.warmUp()) + " of warm-up each.");
            lines.add("- Command: `java -cp benchmarks/target/benchmarks.jar " + getClass().getName() + " "
                    + String.join(" ", spec.commandLine().getParseResult().originalArgs()) + "`");
            lines.add("- Every query answered: " + (answered ? "yes" : "**NO**") + ".");
            lines.add("");
            lines.add(ReportRow.HEADER);
            QueryReport.rows(results, prefecture.size(), phases.done()).forEach(row -> lines.add(row.markdown()));
            lines.add("");
            lines.addAll(SuiteReport.phases(machine, phases.started(), phases.done()));
        }
        Commands.publish(out, String.join("\n", lines) + "\n", report);
        return answered ? 0 : 1;
    }

    private void validate() {
        prefecture.validate(spec.commandLine());
        if (seedDatabase == reuseDatabase) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give one of --seed-database (a new "
                    + "registry) and --reuse-database (a kept one)");
        }
        queries.validate(spec.commandLine());
    }
}
