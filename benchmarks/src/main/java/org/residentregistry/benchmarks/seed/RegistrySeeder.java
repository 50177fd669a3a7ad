package org.residentregistry.benchmarks.seed;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.residentregistry.benchmarks.prefecture.Notification;
import org.residentregistry.benchmarks.prefecture.SyntheticPrefecture;
import org.residentregistry.benchmarks.suite.environment.Database;
import org.residentregistry.benchmarks.suite.measure.Progress;
import org.residentregistry.core.prefecture.Municipality;
import org.residentregistry.projections.EventStoreJson;

/**
 * Fills an empty registry's database with a synthetic prefecture's residents, as if the server had applied their
 * notifications (see {@link SeedWriter}), several municipalities at once on connections of their own.
 */
public final class RegistrySeeder {

    /** The day seeded moves are notified unless told otherwise: long enough ago for the retention benchmark's period. */
    public static final LocalDate MOVED_ON = LocalDate.of(2026, 5, 1);

    /**
     * @param movedShare the share of residents with a second version (a 転居 sent on {@code movedOn})
     * @param batchSize  residents a transaction
     */
    public record Settings(double movedShare, LocalDate movedOn, int connections, int batchSize) {
    }

    public record Result(long residents, long events, Duration took) {
        public double residentsPerSecond() {
            return residents / (took.toNanos() / 1e9);
        }
    }

    private final Database database;
    private final Serializer serializer = JacksonSerializer.builder().objectMapper(EventStoreJson.storage()).build();

    public RegistrySeeder(Database database) {
        this.database = database;
    }

    public Result seed(SyntheticPrefecture prefecture, Settings settings)
            throws SQLException, InterruptedException, ExecutionException {
        requireEmptyRegistry();
        long started = System.nanoTime();
        List<Municipality> largestFirst = new ArrayList<>(prefecture.municipalities());
        largestFirst.sort(Comparator.comparingLong(prefecture::residentCount).reversed());
        ConcurrentLinkedQueue<Municipality> queue = new ConcurrentLinkedQueue<>(largestFirst);
        AtomicLong events = new AtomicLong();
        ExecutorService workers = Executors.newFixedThreadPool(settings.connections());
        try (Progress progress = Progress.start("seed", prefecture.size(), "residents")) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < settings.connections(); i++) {
                done.add(workers.submit(() -> {
                    try (SeedWriter writer = new SeedWriter(connect(), serializer)) {
                        for (Municipality m; (m = queue.poll()) != null; ) {
                            seedMunicipality(writer, prefecture, m, settings, progress, events);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            workers.shutdownNow();
        }
        database.execute("ANALYZE");
        return new Result(prefecture.size(), events.get(), Duration.ofNanos(System.nanoTime() - started));
    }

    private static void seedMunicipality(SeedWriter writer, SyntheticPrefecture prefecture, Municipality m,
                                         Settings settings, Progress progress, AtomicLong events) throws SQLException {
        Iterator<List<Notification>> residents = prefecture.initialLoadWithMoves(m, settings.movedShare(),
                settings.movedOn()).iterator();
        List<SeededHistory> batch = new ArrayList<>(settings.batchSize());
        while (residents.hasNext()) {
            batch.add(SeededHistory.of(residents.next()));
            if (batch.size() == settings.batchSize() || !residents.hasNext()) {
                writer.write(batch);
                progress.step(batch.size());
                events.addAndGet(batch.stream().mapToLong(h -> h.events().size()).sum());
                batch.clear();
            }
        }
    }

    /** Only a registry the server has started on once (its schema made by its own migrations), with no event yet. */
    private void requireEmptyRegistry() throws SQLException {
        if (database.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_name = 'flyway_schema_history'") == 0) {
            throw new IllegalStateException(
                    "no registry schema yet: start the registry server once on this database and stop it, then seed");
        }
        if (database.queryLong("SELECT count(*) FROM (SELECT 1 FROM domain_event_entry LIMIT 1) AS any_event") > 0) {
            throw new IllegalStateException("the registry already holds events: the seeder fills an empty one only");
        }
    }

    /** Multi-row inserts for the projections' JDBC batches, as the server's own connections make them. */
    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", database.user());
        properties.setProperty("password", database.password());
        properties.setProperty("reWriteBatchedInserts", "true");
        return DriverManager.getConnection(database.jdbcUrl(), properties);
    }
}
