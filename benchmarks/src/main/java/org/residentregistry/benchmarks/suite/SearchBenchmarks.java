package org.residentregistry.benchmarks.suite;

import static org.residentregistry.benchmarks.suite.Commands.seconds;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;

import org.residentregistry.benchmarks.prefecture.SyntheticPrefecture;
import org.residentregistry.benchmarks.suite.environment.RegistryEnvironment;
import org.residentregistry.benchmarks.suite.search.SearchBenchmark;
import org.residentregistry.benchmarks.suite.search.SearchCombination;
import org.residentregistry.benchmarks.suite.search.SearchSuite;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs issue 4's four-field search benchmark at a chosen scale: every allowed combination of the fields through
 * HTTP at 1 and 8 clients against the same statements by plain JDBC, and the freshness of search during a change
 * stream; writes the Markdown table. With {@code --reuse-database} it searches a registry an earlier run loaded and
 * kept, so that a large scale is loaded once. Exits 1 when the registry answered anything wrongly.
 */
@Command(name = "search-benchmarks", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the registry's four-field search benchmark against plain PostgreSQL and writes a "
                + "Markdown table.")
public final class SearchBenchmarks implements Callable<Integer> {

    @CommandLine.Mixin
    private PrefectureOptions prefecture;

    @CommandLine.Mixin
    private SendingOptions sending;

    @Option(names = "--search-clients", defaultValue = "1,8", split = ",",
            description = "Concurrent clients of each combination's runs. Default: ${DEFAULT-VALUE}.")
    private List<Integer> searchClients;

    @Option(names = "--server-warmup-seconds", defaultValue = "60",
            description = "Seconds of mixed searches before the first measurement, for the server's JIT. "
                    + "Default: ${DEFAULT-VALUE}.")
    private double serverWarmUpSeconds;

    @Option(names = "--warmup-seconds", defaultValue = "3",
            description = "Warm-up seconds before each run. Default: ${DEFAULT-VALUE}.")
    private double warmUpSeconds;

    @Option(names = "--search-seconds", defaultValue = "10",
            description = "Measured seconds of each run through HTTP. Default: ${DEFAULT-VALUE}.")
    private double searchSeconds;

    @Option(names = "--reference-seconds", defaultValue = "5",
            description = "Measured seconds of each plain-JDBC run. Default: ${DEFAULT-VALUE}.")
    private double referenceSeconds;

    @Option(names = "--combinations", split = ",", paramLabel = "COMBINATION",
            description = "Only these combinations, in their usual order (to measure a change that touches a few): "
                    + "${COMPLETION-CANDIDATES}. Default: all.")
    private List<SearchCombination> combinations;

    @Option(names = "--residents-per-combination", defaultValue = "500",
            description = "Residents each combination's searches are drawn from. Default: ${DEFAULT-VALUE}.")
    private int perCombination;

    @Option(names = "--change-days", defaultValue = "3",
            description = "Days of changes sent after the searches, each batch's last change searched for as soon "
                    + "as it is acknowledged (0: none). Default: ${DEFAULT-VALUE}.")
    private int changeDays;

    @Option(names = "--reuse-database",
            description = "Search the registry a run with --keep-database left in --work-dir instead of loading one.")
    private boolean reuseDatabase;

    @Option(names = "--seed-database",
            description = "Fill the database with the seeder (the rows the server writes, by JDBC batches) instead of "
                    + "loading it through the API; it is kept, for --reuse-database.")
    private boolean seedDatabase;

    @Option(names = "--seed-moved-share", defaultValue = "0",
            description = "With --seed-database: the share of residents given a second version, a move within their "
                    + "municipality notified long ago, so that the retention benchmark can purge the same database "
                    + "afterwards. Default: ${DEFAULT-VALUE}.")
    private double seedMovedShare;

    @Option(names = "--report", description = "Markdown file to write the table to (also printed at the end).")
    private Path report;

    @CommandLine.Mixin
    private ServerOptions server;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SearchBenchmarks()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        List<String> seeding = seedDatabase ? List.of(RegistrySeeding.seed(server,
                SyntheticPrefecture.saitama(prefecture.seed(), prefecture.residents()), seedMovedShare, out))
                : List.of();
        SearchSuite.Outcome outcome;
        try (RegistryEnvironment registry = reuseDatabase || seedDatabase
                ? RegistryEnvironment.relaunch(server.launch(), server.postgresSettings())
                : RegistryEnvironment.launch(server.launch(), server.postgresSettings(), server.keepDatabase())) {
            Machine machine = Machine.describe(registry.database());
            out.println("machine: " + machine.hardware() + "; " + machine.java() + "; " + machine.postgres() + " ("
                    + machine.durability() + ")");
            List<String> setup = new ArrayList<>(List.of(
                    "Machine: " + machine.hardware() + "; " + machine.java() + "; " + machine.postgres() + " ("
                            + machine.durability() + "), one database for the server and the reference; server "
                            + "heap " + server.serverHeap() + ".",
                    "Command: `java -cp benchmarks/target/benchmarks.jar " + getClass().getName() + " "
                            + String.join(" ", spec.commandLine().getParseResult().originalArgs()) + "`"));
            setup.addAll(seeding);
            SearchBenchmark.Periods periods = new SearchBenchmark.Periods(seconds(serverWarmUpSeconds),
                    seconds(warmUpSeconds), seconds(searchSeconds), seconds(referenceSeconds));
            SearchSuite.Settings settings = new SearchSuite.Settings(prefecture.residents(), prefecture.seed(),
                    sending.clients(), sending.batchSize(), List.copyOf(searchClients), periods,
                    combinations == null ? EnumSet.allOf(SearchCombination.class) : EnumSet.copyOf(combinations),
                    perCombination, changeDays, setup);
            outcome = SearchSuite.run(settings, registry, out);
        }
        Commands.publish(out, outcome.markdown(), report);
        return outcome.correct() ? 0 : 1;
    }

    private void validate() {
        prefecture.validate(spec.commandLine());
        sending.validate(spec.commandLine());
        if (seedDatabase && reuseDatabase) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seed-database fills a new database: "
                    + "not with --reuse-database");
        }
        if (changeDays < 0 || perCombination < 1 || searchSeconds <= 0 || referenceSeconds <= 0 || warmUpSeconds < 0
                || serverWarmUpSeconds < 0 || seedMovedShare < 0 || seedMovedShare > 1
                || searchClients.stream().anyMatch(c -> c < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--residents-per-combination, the seconds "
                    + "and the client counts must be positive, --change-days at least 0, --seed-moved-share within 0 "
                    + "and 1");
        }
    }
}
