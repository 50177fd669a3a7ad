package org.residentregistry.benchmarks.suite.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;

import org.HdrHistogram.Histogram;
import org.residentregistry.benchmarks.suite.measure.Latencies;

/**
 * A fixed number of clients, each asking again as soon as it has its answer, for a warm-up and then a measured
 * period. Only calls started within the measured period count.
 */
public final class ClosedLoop {

    /** One client's connection; a call that does not get the answer expected throws. */
    public interface Client extends AutoCloseable {
        void call() throws Exception;

        /** Nothing to release unless the client holds a connection of its own. */
        @Override
        default void close() throws Exception {
        }
    }

    @FunctionalInterface
    public interface ClientFactory {
        Client open() throws Exception;
    }

    /**
     * @param firstFailure what the first failed call threw, if any did (a class name and message, no data)
     */
    public record Result(int clients, long succeeded, long failed, Duration measured, Latencies latencies,
                         String firstFailure) {
        public double perSecond() {
            return succeeded / (measured.toNanos() / 1e9);
        }

        /** This rate as a share of {@code reference}'s. */
        public double rateRatio(Result reference) {
            return perSecond() / reference.perSecond();
        }

        /** How many times {@code reference}'s p99 this one's is. */
        public double p99Ratio(Result reference) {
            return latencies.p99Millis() / Math.max(reference.latencies().p99Millis(), 0.001);
        }
    }

    /** The measured period, in {@link System#nanoTime()} readings: from a start, until a test of a reading says over. */
    private record Window(long from, LongPredicate over) {
    }

    private ClosedLoop() {
    }

    public static Result run(int clients, Duration warmUp, Duration measured, ClientFactory factory)
            throws InterruptedException {
        Result result = run(clients, warmUp, from -> {
            long end = from + measured.toNanos();
            return now -> now - end >= 0;
        }, factory);
        // The rate over the period asked for, as the calls counted are those started within it.
        return new Result(clients, result.succeeded(), result.failed(), measured, result.latencies(),
                result.firstFailure());
    }

    /**
     * Measures from the start (no warm-up) until {@code finished} says so, checked before each call: the load
     * during something else, such as a purge run, however long it takes.
     */
    public static Result runUntil(int clients, BooleanSupplier finished, ClientFactory factory)
            throws InterruptedException {
        return run(clients, Duration.ZERO, from -> now -> finished.getAsBoolean(), factory);
    }

    /** When the measured period ends, given when it starts: told each call's start, says whether it is over. */
    private interface Ending {
        LongPredicate from(long start);
    }

    private static Result run(int clients, Duration warmUp, Ending ending, ClientFactory factory)
            throws InterruptedException {
        Histogram latencies = Latencies.histogram();
        AtomicLong succeeded = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Window> window = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> {
                try (Client client = factory.open()) {
                    ready.countDown();
                    go.await();
                    Window measuring = window.get();
                    while (true) {
                        long start = System.nanoTime();
                        if (measuring.over().test(start)) {
                            return;
                        }
                        boolean ok = call(client, firstFailure);
                        if (start - measuring.from() >= 0) {
                            (ok ? succeeded : failed).incrementAndGet();
                            if (ok) {
                                latencies.recordValue(Latencies.microsSince(start));
                            }
                        }
                    }
                } catch (Exception e) {
                    firstFailure.compareAndSet(null, describe(e));
                    failed.incrementAndGet();
                    ready.countDown();
                }
            }, "client-" + i);
            thread.start();
            threads.add(thread);
        }
        ready.await();
        long from = System.nanoTime() + warmUp.toNanos();
        window.set(new Window(from, ending.from(from)));
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        return new Result(clients, succeeded.get(), failed.get(), Duration.ofNanos(System.nanoTime() - from),
                Latencies.of(latencies), firstFailure.get());
    }

    private static boolean call(Client client, AtomicReference<String> firstFailure) {
        try {
            client.call();
            return true;
        } catch (Exception e) {
            firstFailure.compareAndSet(null, describe(e));
            return false;
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
