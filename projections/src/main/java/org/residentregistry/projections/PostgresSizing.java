package org.residentregistry.projections;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * How much memory and WAL the registry's embedded PostgreSQL may use, and the benchmarks' one, which must behave
 * alike. PostgreSQL's own defaults (128 MB of shared buffers, a checkpoint at latest every 1 GB of WAL) suit a small
 * shared host; under the registry's ingest they checkpoint often and keep little of the read models' indexes in
 * memory. Measured at 1M residents through the API (README, "Latest figures"): PostgreSQL's CPU per notification
 * 0.465 → 0.355 ms, ingest 10.3% → 12.9% of its plain-JDBC reference, with the defaults below.
 *
 * @param sharedBuffers PostgreSQL's {@code shared_buffers}, in its own units ({@code 2GB}, {@code 512MB})
 * @param maxWalSize    PostgreSQL's {@code max_wal_size}: the WAL kept between checkpoints, also the disk it may take
 */
public record PostgresSizing(String sharedBuffers, String maxWalSize) {

    // Before DEFAULT, which the constructor checks with it.
    private static final Pattern SIZE = Pattern.compile("[1-9][0-9]*(kB|MB|GB|TB)");

    public static final String DEFAULT_SHARED_BUFFERS = "2GB";
    public static final String DEFAULT_MAX_WAL_SIZE = "8GB";
    public static final PostgresSizing DEFAULT = new PostgresSizing(DEFAULT_SHARED_BUFFERS,
            DEFAULT_MAX_WAL_SIZE);

    public PostgresSizing {
        requireSize("registry.embedded-postgres.shared-buffers", sharedBuffers);
        requireSize("registry.embedded-postgres.max-wal-size", maxWalSize);
    }

    /** As PostgreSQL server settings. */
    public Map<String, String> serverSettings() {
        return Map.of("shared_buffers", sharedBuffers, "max_wal_size", maxWalSize);
    }

    private static void requireSize(String property, String value) {
        if (value == null || !SIZE.matcher(value).matches()) {
            throw new IllegalArgumentException(property + " must be a whole size with its unit (kB, MB, GB or TB),"
                    + " such as 2GB; it is '" + value + "'");
        }
    }
}
