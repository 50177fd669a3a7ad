package org.residentregistry.benchmarks.suite.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;

import org.residentregistry.benchmarks.prefecture.Notification;
import org.residentregistry.benchmarks.prefecture.SyntheticPrefecture;
import org.residentregistry.benchmarks.suite.environment.Database;
import org.residentregistry.benchmarks.suite.measure.Progress;

/**
 * The plain-PostgreSQL side of a comparison: the initial load's notifications written as rows by JDBC batches,
 * a commit every so many notifications, municipality by municipality on a number of connections. The rows are
 * made from the same generator, in the same order, as the notifications the registry gets.
 */
public final class PlainBatchInsert {

    /** The statements of one connection, which a notification adds its rows to. */
    public interface Rows {
        void add(Notification notification) throws SQLException;

        void executeBatch() throws SQLException;
    }

    /** Prepares a connection's {@link Rows}. */
    @FunctionalInterface
    public interface RowsFactory {
        Rows prepare(Connection connection) throws SQLException;
    }

    /** How fast notifications' rows went in with so many connections. */
    public record InsertRate(int connections, long notifications, Duration wall) {
        public double perSecond() {
            return notifications / (wall.toNanos() / 1e9);
        }
    }

    /** The rates with each number of connections tried. */
    public record Rates(List<InsertRate> byConnections) {
        public InsertRate fastest() {
            return byConnections.stream().max(Comparator.comparingDouble(InsertRate::perSecond)).orElseThrow();
        }
    }

    private PlainBatchInsert() {
    }

    /**
     * Runs the insert once with each number of connections, into the given tables emptied before each run, so
     * that every run starts as the registry's load does: from empty tables.
     */
    public static Rates withEach(List<Integer> connectionCounts, String task, SyntheticPrefecture prefecture,
                                 Database database, int perCommit, List<String> tables, RowsFactory rowsFactory)
            throws SQLException, InterruptedException, ExecutionException {
        List<InsertRate> rates = new ArrayList<>();
        for (int connections : connectionCounts) {
            database.execute("TRUNCATE " + String.join(", ", tables));
            rates.add(run(task + ", " + connections + " conn.", prefecture, database, connections, perCommit,
                    rowsFactory));
        }
        return new Rates(List.copyOf(rates));
    }

    private static InsertRate run(String task, SyntheticPrefecture prefecture, Database database, int connections,
                                  int perCommit, RowsFactory rowsFactory)
            throws InterruptedException, ExecutionException {
        long started = System.nanoTime();
        try (Progress progress = Progress.start(task, prefecture.size(), "events")) {
            MunicipalityWorkers.run(prefecture, connections, municipality -> {
                try (Connection connection = database.connect()) {
                    connection.setAutoCommit(false);
                    Rows rows = rowsFactory.prepare(connection);
                    Iterator<Notification> notifications = prefecture.initialLoad(municipality).iterator();
                    int pending = 0;
                    while (notifications.hasNext()) {
                        rows.add(notifications.next());
                        if (++pending == perCommit || !notifications.hasNext()) {
                            rows.executeBatch();
                            connection.commit();
                            progress.step(pending);
                            pending = 0;
                        }
                    }
                }
            });
        }
        return new InsertRate(connections, prefecture.size(), Duration.ofNanos(System.nanoTime() - started));
    }
}
