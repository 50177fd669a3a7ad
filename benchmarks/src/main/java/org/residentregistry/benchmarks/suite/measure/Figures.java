package org.residentregistry.benchmarks.suite.measure;

import java.time.Duration;
import java.util.Locale;

/** Figures written the same way on the console and in the report. */
public final class Figures {

    private Figures() {
    }

    /** {@code 12,345} */
    public static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /** {@code 1,234 notifications/s}: rates are only meaningful to three or four digits. */
    public static String rate(double perSecond, String unit) {
        return String.format(Locale.ROOT, "%,.0f %s/s", perSecond, unit);
    }

    /** {@code 0.123 ms}, {@code 12.3 ms}, {@code 1,234 ms} */
    public static String millis(double millis) {
        if (millis < 1) {
            return String.format(Locale.ROOT, "%.3f ms", millis);
        }
        if (millis < 100) {
            return String.format(Locale.ROOT, "%.1f ms", millis);
        }
        return String.format(Locale.ROOT, "%,.0f ms", millis);
    }

    /** {@code 4.2%}, {@code 0.35%} */
    public static String percent(double fraction) {
        double percent = fraction * 100;
        return String.format(Locale.ROOT, percent < 1 ? "%.2f%%" : "%.1f%%", percent);
    }

    /** {@code 123 MiB}, {@code 2.5 GiB} */
    public static String bytes(long bytes) {
        double mebibytes = bytes / (1024.0 * 1024);
        return mebibytes < 1024 ? String.format(Locale.ROOT, "%,.0f MiB", mebibytes)
                : String.format(Locale.ROOT, "%.1f GiB", mebibytes / 1024);
    }

    /** {@code 42.0 s}, {@code 9 min 48 s}, {@code 1 h 12 min} */
    public static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
        }
        if (seconds < 3600) {
            return (seconds / 60) + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        return (seconds / 3600) + " h" + (seconds % 3600 / 60 == 0 ? "" : " " + seconds % 3600 / 60 + " min");
    }

    /** {@code 1 client}, {@code 8 clients} */
    public static String clients(int count) {
        return count + (count == 1 ? " client" : " clients");
    }

    /** {@code 1.3 s} of CPU */
    public static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%,.1f s", seconds);
    }
}
