package org.residentregistry.benchmarks.suite.measure;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The distribution of a benchmark's latencies, read from an HdrHistogram of microseconds. The load is closed-loop
 * (each client waits for its answer before it asks again), so the figures are service times under that load, not
 * what an open stream of requests arriving on a schedule would see.
 */
public record Latencies(long count, double p50Millis, double p99Millis, double p999Millis, double maxMillis) {

    /** A histogram of microseconds that many threads record into at once; three significant digits. */
    public static Histogram histogram() {
        return new ConcurrentHistogram(3);
    }

    /** Microseconds from a {@link System#nanoTime()} reading to now, to record. */
    public static long microsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000;
    }

    public static Latencies of(Histogram micros) {
        return new Latencies(micros.getTotalCount(), millis(micros, 50), millis(micros, 99), millis(micros, 99.9),
                micros.getTotalCount() == 0 ? 0 : micros.getMaxValue() / 1_000.0);
    }

    /** {@code p50 1.2 ms, p99 3.4 ms} */
    public String p50AndP99() {
        return "p50 " + Figures.millis(p50Millis) + ", p99 " + Figures.millis(p99Millis);
    }

    /** {@code p50 1.2 ms, p99 3.4 ms, p99.9 8.1 ms} */
    public String p50ToP999() {
        return p50AndP99() + ", p99.9 " + Figures.millis(p999Millis);
    }

    private static double millis(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1_000.0;
    }
}
