package org.residentregistry.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sizing the registry gives its embedded PostgreSQL, checked before PostgreSQL sees it. */
class PostgresSizingTest {

    @Test
    void givesPostgreSQLItsOwnSettingNames() {
        assertThat(new PostgresSizing("512MB", "4GB", "6GB").serverSettings())
                .containsOnly(entry("shared_buffers", "512MB"),
                        entry("max_wal_size", "4GB"),
                        entry("effective_cache_size", "6GB"));
    }

    @Test
    void countsOnHalfTheHostsMemoryAsCache() {
        long memory = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize();

        assertThat(PostgresSizing.DEFAULT.effectiveCacheSize()).isEqualTo(memory / 2 / (1024 * 1024) + "MB");
    }

    /** PostgreSQL would refuse these only once started, in its own log; the registry says which property is wrong. */
    @ParameterizedTest
    @ValueSource(strings = {"", "2", "2 GB", "2gb", "0GB", "-1GB", "2GB; fsync=off"})
    void refusesASizeWithoutItsUnitNamingTheProperty(String size) {
        assertThatThrownBy(() -> new PostgresSizing(size, "8GB", "4GB"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("registry.embedded-postgres.shared-buffers");
        assertThatThrownBy(() -> new PostgresSizing("2GB", size, "4GB"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("registry.embedded-postgres.max-wal-size");
        assertThatThrownBy(() -> new PostgresSizing("2GB", "8GB", size))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("registry.embedded-postgres.effective-cache-size");
    }
}
