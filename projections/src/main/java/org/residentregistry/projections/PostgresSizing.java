package org.residentregistry.projections;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.regex.Pattern;

import com.sun.management.OperatingSystemMXBean;

/**
 * How much memory and WAL the registry's embedded PostgreSQL may use, and the benchmarks' one, which must behave
 * alike. PostgreSQL's own defaults (128 MB of shared buffers, a checkpoint at latest every 1 GB of WAL) suit a small
 * shared host; under the registry's ingest they checkpoint often and keep little of the read models' indexes in
 * memory. Measured at 1M residents through the API (README, "Latest figures"): PostgreSQL's CPU per notification
 * 0.465 → 0.355 ms, ingest 10.3% → 12.9% of its plain-JDBC reference, with the defaults below. The embedded server
 * shares its host with nobody but the registry, so half the host's memory is the cache it may count on (PostgreSQL's
 * default says 4 GB whatever the host): the planner's estimate of it, and what the read models' prewarm fills.
 *
 * @param sharedBuffers      PostgreSQL's {@code shared_buffers}, in its own units ({@code 2GB}, {@code 512MB})
 * @param maxWalSize         PostgreSQL's {@code max_wal_size}: the WAL kept between checkpoints, also the disk it may take
 * @param effectiveCacheSize PostgreSQL's {@code effective_cache_size}: its shared buffers and the system's file cache
 */
public record PostgresSizing(String sharedBuffers, String maxWalSize, String effectiveCacheSize) {

    // Before DEFAULT, which the constructor checks with it.
    private static final Pattern SIZE = Pattern.compile("[1-9][0-9]*(kB|MB|GB|TB)");

    public static final String DEFAULT_SHARED_BUFFERS = "2GB";
    public static final String DEFAULT_MAX_WAL_SIZE = "8GB";
    public static final String DEFAULT_EFFECTIVE_CACHE_SIZE = halfTheMemory();
    public static final PostgresSizing DEFAULT = new PostgresSizing(DEFAULT_SHARED_BUFFERS,
            DEFAULT_MAX_WAL_SIZE, DEFAULT_EFFECTIVE_CACHE_SIZE);

    public PostgresSizing {
        requireSize("registry.embedded-postgres.shared-buffers", sharedBuffers);
        requireSize("registry.embedded-postgres.max-wal-size", maxWalSize);
        requireSize("registry.embedded-postgres.effective-cache-size", effectiveCacheSize);
    }

    /** As PostgreSQL server settings. */
    public Map<String, String> serverSettings() {
        return Map.of("shared_buffers", sharedBuffers, "max_wal_size", maxWalSize,
                "effective_cache_size", effectiveCacheSize);
    }

    /** Half the memory of the host (of the container, where it has a limit), in megabytes. */
    private static String halfTheMemory() {
        long bytes = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return Math.max(1, bytes / 2 / (1024 * 1024)) + "MB";
    }

    private static void requireSize(String property, String value) {
        if (value == null || !SIZE.matcher(value).matches()) {
            throw new IllegalArgumentException(property + " must be a whole size with its unit (kB, MB, GB or TB),"
                    + " such as 2GB; it is '" + value + "'");
        }
    }
}
