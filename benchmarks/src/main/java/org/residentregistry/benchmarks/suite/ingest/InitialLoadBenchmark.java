package org.residentregistry.benchmarks.suite.ingest;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;

import org.residentregistry.benchmarks.prefecture.NotificationBatch;
import org.residentregistry.benchmarks.prefecture.NotificationBatcher;
import org.residentregistry.benchmarks.prefecture.SyntheticPrefecture;
import org.residentregistry.benchmarks.suite.environment.Accounts;
import org.residentregistry.benchmarks.suite.environment.Database;
import org.residentregistry.benchmarks.suite.environment.RegistryHttp;
import org.residentregistry.benchmarks.suite.load.MunicipalityWorkers;
import org.residentregistry.benchmarks.suite.measure.Latencies;
import org.residentregistry.benchmarks.suite.measure.Progress;

/**
 * The whole synthetic prefecture's initial load through the API: each municipality's record notifications in
 * full batches, in order, by its own server, several municipalities at once. Afterwards the registry must hold
 * one more current record per resident sent, and must have applied every notification.
 */
public final class InitialLoadBenchmark {

    private static final String CURRENT_RECORDS = "SELECT count(*) FROM identity_current";

    /**
     * @param residentsAdded       rows identity_current gained during the load
     * @param payloadBytesPerEvent the mean payload and metadata of the registry's event rows
     */
    public record Result(int clients, long notifications, long batches, Duration wall, Latencies batchLatencies,
                         Map<Outcome, Long> outcomes, long resends, long residentsAdded,
                         double payloadBytesPerEvent) {

        public double perSecond() {
            return notifications / (wall.toNanos() / 1e9);
        }

        /** The load's rate as a share of the reference's fastest: issue 3's ingest figure. */
        public double shareOf(EventTableReference.Result reference) {
            return perSecond() / reference.rates().fastest().perSecond();
        }

        public boolean everyNotificationApplied() {
            return outcomes.keySet().equals(Set.of(Outcome.APPLIED));
        }

        public boolean everyResidentStored() {
            return residentsAdded == notifications;
        }
    }

    private InitialLoadBenchmark() {
    }

    public static Result run(SyntheticPrefecture prefecture, RegistryHttp http, Database database,
                             Accounts accounts, int clients, int batchSize)
            throws SQLException, InterruptedException, ExecutionException {
        long before = database.queryLong(CURRENT_RECORDS);
        NotificationSender sender = new NotificationSender(http, accounts);
        OutcomeCounts outcomes = new OutcomeCounts();
        LongAdder batches = new LongAdder();
        long started = System.nanoTime();
        try (Progress progress = Progress.start("initial load, " + clients + " clients", prefecture.size(),
                "notifications")) {
            MunicipalityWorkers.run(prefecture, clients, municipality -> {
                Iterator<NotificationBatch> sending = NotificationBatcher.batches(prefecture.initialLoad(municipality),
                        batchSize, NotificationBatcher.INITIAL_LOAD_WAIT).iterator();
                while (sending.hasNext()) {
                    NotificationBatch batch = sending.next();
                    outcomes.add(sender.send(batch));
                    batches.increment();
                    progress.step(batch.notifications().size());
                }
            });
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        return new Result(clients, prefecture.size(), batches.sum(), wall, sender.latencies(), outcomes.snapshot(),
                sender.resends(), database.queryLong(CURRENT_RECORDS) - before,
                EventTableReference.registryPayloadBytes(database));
    }
}
