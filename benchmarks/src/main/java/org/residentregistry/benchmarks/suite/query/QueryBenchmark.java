package org.residentregistry.benchmarks.suite.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.residentregistry.benchmarks.suite.environment.Accounts;
import org.residentregistry.benchmarks.suite.environment.Database;
import org.residentregistry.benchmarks.suite.environment.RegistryHttp;
import org.residentregistry.benchmarks.suite.load.ClosedLoop;
import org.residentregistry.benchmarks.suite.measure.Progress;

/**
 * Queries by resident code at several concurrencies: through the API as a department operator (authorisation,
 * the lookup, the provision-log entry written and committed before the answer), then the same lookups by plain
 * JDBC, {@code SELECT *} from identity_current by its primary key, one connection per client.
 */
public final class QueryBenchmark {

    private static final String PATH = "/api/v1/identity/residents/";
    private static final String LOOKUP = "SELECT * FROM identity_current WHERE resident_code = ?";

    /** The registry and the reference at one number of clients. */
    public record Result(int clients, ClosedLoop.Result registry, ClosedLoop.Result reference) {

        /** The registry's rate as a share of the reference's. */
        public double rateRatio() {
            return registry.perSecond() / reference.perSecond();
        }

        /** How many times the reference's p99 the registry's is. */
        public double p99Ratio() {
            return registry.latencies().p99Millis() / Math.max(reference.latencies().p99Millis(), 0.001);
        }
    }

    private QueryBenchmark() {
    }

    public static List<Result> run(List<Integer> clientCounts, Duration warmUp, Duration measured,
                                   ResidentSample residents, RegistryHttp http, Accounts.Operator operator,
                                   Database database) throws InterruptedException {
        List<Result> results = new ArrayList<>();
        Duration perRun = warmUp.plus(measured);
        try (Progress progress = Progress.start("queries", 2L * clientCounts.size() * perRun.toSeconds(), "s")) {
            for (int clients : clientCounts) {
                ClosedLoop.Result registry = ClosedLoop.run(clients, warmUp, measured,
                        httpLookups(http, operator, residents));
                progress.step(perRun.toSeconds());
                ClosedLoop.Result reference = ClosedLoop.run(clients, warmUp, measured,
                        () -> new JdbcLookup(database.connect(), residents));
                progress.step(perRun.toSeconds());
                results.add(new Result(clients, registry, reference));
            }
        }
        return results;
    }

    /** Clients that look residents up through the API as the operator, each answer a 200. */
    public static ClosedLoop.ClientFactory httpLookups(RegistryHttp http, Accounts.Operator operator,
                                                       ResidentSample residents) {
        return () -> () -> httpLookup(http, operator, residents);
    }

    private static void httpLookup(RegistryHttp http, Accounts.Operator operator, ResidentSample residents)
            throws Exception {
        RegistryHttp.Reply reply = http.get(PATH + residents.any() + "?affair=" + operator.affair(),
                operator.token());
        if (reply.status() != 200) {
            throw new IllegalStateException("HTTP " + reply.status());
        }
    }

    /** One client's connection and statement; reads every column, as the registry's lookup does. */
    private static final class JdbcLookup implements ClosedLoop.Client {
        private final Connection connection;
        private final PreparedStatement lookup;
        private final ResidentSample residents;

        private JdbcLookup(Connection connection, ResidentSample residents) throws SQLException {
            this.connection = connection;
            this.lookup = connection.prepareStatement(LOOKUP);
            this.residents = residents;
        }

        @Override
        public void call() throws Exception {
            lookup.setString(1, residents.any());
            try (ResultSet row = lookup.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("no row");
                }
                for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                    row.getString(column);
                }
            }
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }
}
