package org.residentregistry.benchmarks.prefecture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.residentregistry.core.prefecture.Municipality;
import org.residentregistry.core.prefecture.Prefecture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes a synthetic prefecture's notifications as JSON Lines, one {@code POST /identity/notifications} body per
 * line: {@code initial-load/<municipality code>.jsonl} for each municipality and, when asked, {@code changes.jsonl}
 * for the days after. It prints counts and timings only, never a record.
 */
@Command(name = "generate-prefecture", mixinStandardHelpOptions = true,
        description = "Writes a deterministic synthetic Saitama's notification batches as JSON Lines files.")
public final class GeneratePrefecture implements Callable<Integer> {

    @Option(names = "--seed", defaultValue = "1", description = "Seed; the same seed and size give the same files.")
    private long seed;

    @Option(names = "--residents", defaultValue = "10k", converter = Scale.class,
            description = "Residents, as a number or with k or M (10k, 1M, 7.3M). Default: ${DEFAULT-VALUE}.")
    private long residents;

    @Option(names = "--out", required = true, description = "Folder to write into (created if missing).")
    private Path out;

    @Option(names = "--batch-size", defaultValue = "1000", description = "Most notifications a batch: 1 to 1000.")
    private int batchSize;

    @Option(names = "--change-days", defaultValue = "0",
            description = "Days of changes after the initial load to write to changes.jsonl (0: none).")
    private int changeDays;

    @Option(names = "--reference-date", defaultValue = "2026-04-01",
            description = "The day the population is as of and the initial load is sent.")
    private LocalDate referenceDate;

    @Option(names = "--threads", description = "Municipalities written at once. Default: the number of cores.")
    private int threads = Runtime.getRuntime().availableProcessors();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new GeneratePrefecture()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException, ExecutionException {
        if (batchSize < 1 || batchSize > NotificationBatch.MAX_ITEMS) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch-size must be 1 to 1000");
        }
        PrintWriter console = spec.commandLine().getOut();
        SyntheticPrefecture prefecture = new SyntheticPrefecture(
                Prefecture.saitama(), seed, residents, referenceDate);
        NotificationJson json = new NotificationJson();
        Path initialLoad = Files.createDirectories(out.resolve("initial-load"));

        long started = System.nanoTime();
        long batches = writeInitialLoad(prefecture, initialLoad, json);
        double seconds = (System.nanoTime() - started) / 1e9;
        console.printf("initial load: %,d residents, %,d batches in %d files, %.1f s, %,.0f residents/s%n",
                residents, batches, prefecture.municipalities().size(), seconds, residents / seconds);

        if (changeDays > 0) {
            started = System.nanoTime();
            long changeBatches = write(out.resolve("changes.jsonl"),
                    prefecture.changes(changeDays).map(Dispatch::notification), NotificationBatcher.CHANGES_WAIT, json);
            console.printf("changes: %,d days, %,d batches, %.1f s%n", changeDays, changeBatches,
                    (System.nanoTime() - started) / 1e9);
        }
        return 0;
    }

    /** Municipalities are independent streams, so they are written side by side; the files come out the same. */
    private long writeInitialLoad(SyntheticPrefecture prefecture, Path folder, NotificationJson json)
            throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<Long>> written = new ArrayList<>();
            for (Municipality m : prefecture.municipalities()) {
                written.add(pool.submit(() -> write(folder.resolve(m.code().value() + ".jsonl"),
                        prefecture.initialLoad(m), NotificationBatcher.INITIAL_LOAD_WAIT, json)));
            }
            long batches = 0;
            for (Future<Long> w : written) {
                batches += w.get();
            }
            return batches;
        } finally {
            pool.shutdownNow();
        }
    }

    private long write(Path file, Stream<Notification> notifications, Duration maxWait, NotificationJson json) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            long[] batches = {0};
            NotificationBatcher.batches(notifications, batchSize, maxWait).forEach(batch -> {
                json.writeLine(batch, out);
                batches[0]++;
            });
            return batches[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
