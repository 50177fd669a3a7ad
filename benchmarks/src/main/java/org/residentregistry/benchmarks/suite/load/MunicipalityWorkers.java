package org.residentregistry.benchmarks.suite.load;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.residentregistry.benchmarks.prefecture.SyntheticPrefecture;
import org.residentregistry.core.prefecture.Municipality;

/**
 * Work done municipality by municipality on a fixed number of workers, as several municipal servers send at once
 * while each sends its own notifications in order. The most populous go first: they take longest, and starting
 * them first lets the workers finish together instead of one finishing Saitama City alone.
 */
public final class MunicipalityWorkers {

    /** What one worker does for one municipality. */
    @FunctionalInterface
    public interface Task {
        void run(Municipality municipality) throws Exception;
    }

    private MunicipalityWorkers() {
    }

    /** Runs the task for every municipality that has residents; the first failure stops the others at once. */
    public static void run(SyntheticPrefecture prefecture, int workers, Task task)
            throws InterruptedException, ExecutionException {
        List<Municipality> largestFirst = prefecture.municipalities().stream()
                .filter(m -> prefecture.residentCount(m) > 0)
                .sorted(Comparator.comparingLong(prefecture::residentCount).reversed())
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            CompletionService<Void> running = new ExecutorCompletionService<>(pool);
            for (Municipality m : largestFirst) {
                running.submit(() -> {
                    task.run(m);
                    return null;
                });
            }
            for (int finished = 0; finished < largestFirst.size(); finished++) {
                running.take().get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
