package org.residentregistry.benchmarks.suite.query;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.residentregistry.benchmarks.suite.environment.Accounts;
import org.residentregistry.benchmarks.suite.environment.Database;
import org.residentregistry.benchmarks.suite.environment.RegistryHttp;
import org.residentregistry.benchmarks.suite.load.ClosedLoop;
import org.residentregistry.benchmarks.suite.measure.Progress;

/**
 * Queries by resident code at several concurrencies: through the API as a department operator (authorisation,
 * the lookup, the provision-log entry written and committed before the answer), a keep-alive connection per client
 * (Apache HttpClient's classic API, much lighter on the harness's CPU than the JDK's), then the same lookups by plain
 * JDBC, {@code SELECT *} from identity_current by its primary key, one connection per client. The server is
 * warmed up once, at length, before the first count ({@link #warmUpServer}): its JIT needs a minute of the same
 * work, where a few seconds leave it compiling through the measured period. Each count's registry part and
 * reference part are run separately ({@link #registry}, {@link #reference}), so that the caller can take the CPU
 * each used; every call is counted, the per-count warm-up's too, to divide that CPU by.
 */
public final class QueryBenchmark {

    private static final String PATH = "/api/v1/identity/residents/";
    private static final String LOOKUP = "SELECT * FROM identity_current WHERE resident_code = ?";

    /**
     * The registry and the reference at one number of clients.
     *
     * @param registryCalls  the queries sent to the registry at this count, warm-up included
     * @param referenceCalls the lookups of the reference at this count, warm-up included
     */
    public record Result(int clients, ClosedLoop.Result registry, ClosedLoop.Result reference, long registryCalls,
                         long referenceCalls) {

        /** The registry's rate as a share of the reference's. */
        public double rateRatio() {
            return registry.rateRatio(reference);
        }

        /** How many times the reference's p99 the registry's is. */
        public double p99Ratio() {
            return registry.p99Ratio(reference);
        }
    }

    /** What one count's registry part measured, until its reference part is run. */
    public record RegistryPart(int clients, ClosedLoop.Result result, long calls) {
    }

    private final ResidentSample residents;
    private final RegistryHttp http;
    private final Accounts.Operator operator;
    private final Database database;
    private final Duration warmUp;
    private final Duration measured;

    /**
     * @param warmUp   before each count's registry part and reference part
     * @param measured each part's measured period
     */
    public QueryBenchmark(ResidentSample residents, RegistryHttp http, Accounts.Operator operator, Database database,
                          Duration warmUp, Duration measured) {
        this.residents = residents;
        this.http = http;
        this.operator = operator;
        this.database = database;
        this.warmUp = warmUp;
        this.measured = measured;
    }

    /** Queries the registry for {@code period} with {@code clients}, before anything is measured. */
    public ClosedLoop.Result warmUpServer(int clients, Duration period) throws InterruptedException {
        try (Progress progress = Progress.start("server warm-up", period.toSeconds(), "s")) {
            ClosedLoop.Result result = ClosedLoop.run(clients, Duration.ZERO, period,
                    () -> new HttpLookup(http, operator, residents, new AtomicLong()));
            progress.step(period.toSeconds());
            return result;
        }
    }

    public RegistryPart registry(int clients) throws InterruptedException {
        AtomicLong calls = new AtomicLong();
        try (Progress progress = Progress.start("queries, registry", part(), "s")) {
            ClosedLoop.Result result = ClosedLoop.run(clients, warmUp, measured, () -> new HttpLookup(http, operator, residents, calls));
            progress.step(part());
            return new RegistryPart(clients, result, calls.get());
        }
    }

    public Result reference(RegistryPart registry) throws InterruptedException {
        AtomicLong calls = new AtomicLong();
        try (Progress progress = Progress.start("queries, plain JDBC", part(), "s")) {
            ClosedLoop.Result reference = ClosedLoop.run(registry.clients(), warmUp, measured,
                    () -> new JdbcLookup(database.connect(), residents, calls));
            progress.step(part());
            return new Result(registry.clients(), registry.result(), reference, registry.calls(), calls.get());
        }
    }

    private long part() {
        return warmUp.plus(measured).toSeconds();
    }

    /** Clients that look residents up through the API as the operator, each answer a 200. */
    public static ClosedLoop.ClientFactory httpLookups(RegistryHttp http, Accounts.Operator operator,
                                                       ResidentSample residents) {
        return () -> new HttpLookup(http, operator, residents, new AtomicLong());
    }

    /** One client's connection to the registry, as a department's system would keep it open. */
    private static final class HttpLookup implements ClosedLoop.Client {
        private final CloseableHttpClient client;
        private final URI base;
        private final Accounts.Operator operator;
        private final ResidentSample residents;
        private final AtomicLong calls;

        private HttpLookup(RegistryHttp http, Accounts.Operator operator, ResidentSample residents, AtomicLong calls) {
            // One kept-alive connection, as a department's system holds its own; no retries: a failure counts.
            this.client = HttpClients.custom().disableAutomaticRetries().disableCookieManagement()
                    .disableContentCompression().setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                            .setMaxConnTotal(1).setMaxConnPerRoute(1).build()).build();
            this.base = http.base();
            this.operator = operator;
            this.residents = residents;
            this.calls = calls;
        }

        @Override
        public void call() throws Exception {
            calls.incrementAndGet();
            HttpGet get = new HttpGet(base.resolve(PATH + residents.any() + "?affair=" + operator.affair()));
            get.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + operator.token());
            int status = client.execute(get, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
            if (status != 200) {
                throw new IllegalStateException("HTTP " + status);
            }
        }

        @Override
        public void close() throws Exception {
            client.close();
        }
    }

    /** One client's connection and statement; reads every column, as the registry's lookup does. */
    private static final class JdbcLookup implements ClosedLoop.Client {
        private final Connection connection;
        private final PreparedStatement lookup;
        private final ResidentSample residents;
        private final AtomicLong calls;

        private JdbcLookup(Connection connection, ResidentSample residents, AtomicLong calls) throws SQLException {
            this.connection = connection;
            this.lookup = connection.prepareStatement(LOOKUP);
            this.residents = residents;
            this.calls = calls;
        }

        @Override
        public void call() throws Exception {
            calls.incrementAndGet();
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
