package org.residentregistry.benchmarks.suite.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Consumer;

import org.residentregistry.benchmarks.suite.environment.LoadAverage;
import org.residentregistry.benchmarks.suite.environment.Accounts;
import org.residentregistry.benchmarks.suite.environment.Database;
import org.residentregistry.benchmarks.suite.environment.RegistryHttp;
import org.residentregistry.benchmarks.suite.environment.ResourceProbe;
import org.residentregistry.benchmarks.suite.environment.ResourceSample;
import org.residentregistry.benchmarks.suite.load.ClosedLoop;
import org.residentregistry.benchmarks.suite.measure.Progress;
import org.residentregistry.core.prefecture.Prefecture;
import org.residentregistry.core.search.AddressSearchKey;
import org.residentregistry.core.search.Match;
import org.residentregistry.projections.search.FourFieldSearch;
import org.residentregistry.projections.search.IdentitySearchQueries;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Four-field searches, combination by combination, at several concurrencies: through the API as a department
 * operator (authorisation, the search, the provision-log entry written and committed before the answer), then the
 * same searches by plain JDBC, running the very statement the registry's search builds, one connection per client.
 * Every answer is checked against the resident its search was drawn from. Before the first measurement the server
 * is warmed up with a mix of every combination: its JIT is far from warm after a few seconds.
 */
public final class SearchBenchmark {

    private static final String PATH = "/api/v1/identity/search";
    /** The registry's default, which a department's system would leave as it is. */
    static final int LIMIT = 100;
    private static final int WARM_UP_CLIENTS = 8;
    /** The registry's search, only to build its statements: the reference runs them on connections of its own. */
    static final FourFieldSearch<?> STATEMENTS = new IdentitySearchQueries(new JdbcTemplate(),
            new AddressSearchKey(Prefecture.saitama().name()));

    /** How long each part runs. */
    public record Periods(Duration serverWarmUp, Duration warmUp, Duration measured, Duration referenceMeasured) {
    }

    /** CPU milliseconds per search of the server and of PostgreSQL during one run; empty where not seen. */
    public record CpuPerSearch(OptionalDouble serverMillis, OptionalDouble postgresMillis) {

        static CpuPerSearch between(ResourceSample before, ResourceSample after, long searches) {
            return new CpuPerSearch(perSearch(before.serverCpu(), after.serverCpu(), searches),
                    perSearch(before.postgresCpu(), after.postgresCpu(), searches));
        }

        private static OptionalDouble perSearch(OptionalDouble before, OptionalDouble after, long searches) {
            return before.isPresent() && after.isPresent() && searches > 0
                    ? OptionalDouble.of((after.getAsDouble() - before.getAsDouble()) * 1000 / searches)
                    : OptionalDouble.empty();
        }
    }

    /** One combination at one number of clients: the registry, its answers and CPU, and the reference. */
    public record Result(SearchCombination combination, int clients, int searches, ClosedLoop.Result registry,
                         Answers.Summary answers, CpuPerSearch registryCpu, ClosedLoop.Result reference,
                         Answers.Summary referenceAnswers, CpuPerSearch referenceCpu, String loadAverage) {

        public double rateRatio() {
            return registry.rateRatio(reference);
        }

        public double p99Ratio() {
            return registry.p99Ratio(reference);
        }

        /** Every answer of the registry and the reference held the resident it had to (or was truncated before). */
        public boolean correct() {
            return registry.failed() == 0 && reference.failed() == 0 && answers.wrong() == 0
                    && referenceAnswers.wrong() == 0;
        }
    }

    /** The warm-up's figures, and the runs. */
    public record Results(Duration serverWarmUp, ClosedLoop.Result warmUp, List<Result> runs) {

        public boolean correct() {
            return warmUp.failed() == 0 && runs.stream().allMatch(Result::correct);
        }
    }

    private SearchBenchmark() {
    }

    static Results run(List<Integer> clientCounts, Periods periods, SearchSample sample, RegistryHttp http,
                       Accounts.Operator operator, Database database, ResourceProbe probe,
                       Consumer<Result> measured) throws Exception {
        List<SearchCombination> combinations = sample.combinations();
        Duration perRun = periods.warmUp().plus(periods.measured()).plus(periods.warmUp())
                .plus(periods.referenceMeasured());
        long totalSeconds = periods.serverWarmUp().toSeconds()
                + (long) combinations.size() * clientCounts.size() * perRun.toSeconds();
        List<Result> runs = new ArrayList<>();
        ClosedLoop.Result warmUp;
        try (Progress progress = Progress.start("searches", totalSeconds, "s")) {
            Answers warmUpAnswers = new Answers();
            warmUp = ClosedLoop.run(WARM_UP_CLIENTS, Duration.ZERO, periods.serverWarmUp(),
                    () -> () -> httpSearch(http, operator, sample.any(), warmUpAnswers));
            progress.step(periods.serverWarmUp().toSeconds());
            for (SearchCombination combination : combinations) {
                for (int clients : clientCounts) {
                    Result result = run(combination, clients, periods, sample, http, operator, database, probe);
                    measured.accept(result);
                    runs.add(result);
                    progress.step(perRun.toSeconds());
                }
            }
        }
        return new Results(periods.serverWarmUp(), warmUp, runs);
    }

    private static Result run(SearchCombination combination, int clients, Periods periods, SearchSample sample,
                              RegistryHttp http, Accounts.Operator operator, Database database, ResourceProbe probe)
            throws Exception {
        Answers answers = new Answers();
        ResourceSample before = probe.sample();
        ClosedLoop.Result registry = ClosedLoop.run(clients, periods.warmUp(), periods.measured(),
                () -> () -> httpSearch(http, operator, sample.any(combination), answers));
        ResourceSample between = probe.sample();
        Answers referenceAnswers = new Answers();
        ClosedLoop.Result reference = ClosedLoop.run(clients, periods.warmUp(), periods.referenceMeasured(),
                () -> new JdbcSearch(database.connect(), () -> sample.any(combination), referenceAnswers));
        ResourceSample after = probe.sample();
        Answers.Summary registryAnswers = answers.summary();
        Answers.Summary plainAnswers = referenceAnswers.summary();
        return new Result(combination, clients, sample.size(combination), registry, registryAnswers,
                CpuPerSearch.between(before, between, registryAnswers.answers()), reference, plainAnswers,
                CpuPerSearch.between(between, after, plainAnswers.answers()), LoadAverage.now());
    }

    /** The body of a 200: what is checked of it. */
    record SearchAnswer(long total, boolean truncated, List<Answers.Hit> results) {

        boolean holds(String residentCode) {
            return results.stream().anyMatch(hit -> hit.residentCode().equals(residentCode));
        }
    }

    /** The search through the API as the operator; anything but a 200 throws. */
    static SearchAnswer search(RegistryHttp http, Accounts.Operator operator, SearchCriteria search)
            throws Exception {
        RegistryHttp.Reply reply = http.post(PATH, operator.token(), search.body(operator.affair()));
        if (reply.status() != 200) {
            throw new IllegalStateException("HTTP " + reply.status());
        }
        return reply.read(SearchAnswer.class);
    }

    private static void httpSearch(RegistryHttp http, Accounts.Operator operator, SearchCriteria search,
                                   Answers answers) throws Exception {
        SearchAnswer answer = search(http, operator, search);
        answers.check(search, answer.total(), answer.truncated(), answer.results());
    }

    /** Where the reference's clients take their next search from. */
    @FunctionalInterface
    private interface Searches {
        SearchCriteria next();
    }

    /**
     * One client's connection, running the statement {@link IdentitySearchQueries} builds for the search (one
     * prepared statement per SQL text, as the driver's statement cache gives the registry), reading every column
     * of every row.
     */
    private static final class JdbcSearch implements ClosedLoop.Client {
        private final Connection connection;
        private final Searches searches;
        private final Answers answers;
        private final Map<String, PreparedStatement> prepared = new HashMap<>();

        private JdbcSearch(Connection connection, Searches searches, Answers answers) {
            this.connection = connection;
            this.searches = searches;
            this.answers = answers;
        }

        @Override
        public void call() throws Exception {
            SearchCriteria search = searches.next();
            FourFieldSearch.Statement statement = STATEMENTS.statement(search.criteria(), LIMIT);
            PreparedStatement query = prepared.get(statement.sql());
            if (query == null) {
                query = connection.prepareStatement(statement.sql());
                prepared.put(statement.sql(), query);
            }
            for (int i = 0; i < statement.parameters().size(); i++) {
                query.setObject(i + 1, statement.parameters().get(i));
            }
            List<Answers.Hit> hits = new ArrayList<>();
            long total = 0;
            try (ResultSet rows = query.executeQuery()) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    for (int column = 1; column <= columns; column++) {
                        rows.getString(column);
                    }
                    total = rows.getLong("total");
                    hits.add(new Answers.Hit(rows.getString("resident_code"),
                            Match.values()[rows.getInt("match_rank")].name()));
                }
            }
            answers.check(search, total, total > hits.size(), hits);
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }
}
