package org.residentregistry.benchmarks.suite;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.residentregistry.benchmarks.suite.environment.Database;
import org.residentregistry.benchmarks.suite.environment.RegistryEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the benchmark suite of issue 3 at a chosen scale and writes its Markdown table: ingest, changes, queries
 * and the projection-rebuild reference, each against plain PostgreSQL in the same database, in the same run.
 * Figures go to stdout, progress to stderr. Exits 1 when the registry answered anything wrongly.
 */
@Command(name = "registry-benchmarks", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the registry's benchmark suite against plain PostgreSQL and writes a Markdown table.")
public final class RegistryBenchmarks implements Callable<Integer> {

    @CommandLine.Mixin
    private PrefectureOptions prefecture;

    @CommandLine.Mixin
    private SendingOptions sending;

    @Option(names = "--change-days", defaultValue = "30",
            description = "Days of changes sent after the initial load. Default: ${DEFAULT-VALUE}.")
    private int changeDays;

    @Option(names = "--reference-connections", defaultValue = "1,2", split = ",",
            description = "Connections the plain-JDBC inserts are tried with. Default: ${DEFAULT-VALUE}.")
    private List<Integer> referenceConnections;

    @CommandLine.Mixin
    private QueryOptions queries;

    @Option(names = "--report", description = "Markdown file to write the table to (also printed at the end).")
    private Path report;

    @CommandLine.Mixin
    private ServerOptions server;

    @Option(names = "--url", description = "A server already running, e.g. http://localhost:8080, instead of "
            + "starting one; needs --jdbc-url and --admin-token.")
    private URI url;

    @Option(names = "--jdbc-url",
            description = "The running server's database, e.g. jdbc:postgresql://localhost:5432/postgres.")
    private String jdbcUrl;

    @Option(names = "--jdbc-user", defaultValue = "postgres", description = "Default: ${DEFAULT-VALUE}.")
    private String jdbcUser;

    @Option(names = "--jdbc-password", defaultValue = "", description = "Default: none.")
    private String jdbcPassword;

    @Option(names = "--admin-token", description = "The running server's bootstrap administrator token.")
    private String adminToken;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RegistryBenchmarks()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        SuiteSettings settings = new SuiteSettings(prefecture.residents(), prefecture.seed(), sending.clients(),
                sending.batchSize(), changeDays,
                List.copyOf(referenceConnections), queries.settings(), url == null ? server.serverHeap() : "",
                command());
        SuiteResults results;
        try (RegistryEnvironment registry = environment()) {
            results = new BenchmarkSuite(settings, registry, out).run();
        }
        Commands.publish(out, SuiteReport.markdown(results), report);
        return results.correct() ? 0 : 1;
    }

    private RegistryEnvironment environment() throws Exception {
        if (url != null) {
            return RegistryEnvironment.external(url, new Database(jdbcUrl, jdbcUser, jdbcPassword), adminToken);
        }
        return RegistryEnvironment.launch(server.launch(), server.postgresSettings(), server.keepDatabase());
    }

    private void validate() {
        if (url != null && (jdbcUrl == null || adminToken == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--url needs --jdbc-url (for the references and checks) and --admin-token (to make accounts)");
        }
        prefecture.validate(spec.commandLine());
        sending.validate(spec.commandLine());
        queries.validate(spec.commandLine());
        if (changeDays < 1 || referenceConnections.stream().anyMatch(c -> c < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--change-days and every connection count must be positive");
        }
    }

    /** The command as it was typed, minus secrets, for the report. */
    private String command() {
        StringBuilder command = new StringBuilder("java -cp benchmarks/target/benchmarks.jar ")
                .append(getClass().getName());
        List<String> arguments = spec.commandLine().getParseResult().originalArgs();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            boolean secret = argument.startsWith("--admin-token") || argument.startsWith("--jdbc-password");
            command.append(' ').append(secret ? argument.replaceFirst("=.*", "=…") : argument);
            if (secret && !argument.contains("=")) {
                i++;
                command.append(" …");
            }
        }
        return command.toString();
    }
}
