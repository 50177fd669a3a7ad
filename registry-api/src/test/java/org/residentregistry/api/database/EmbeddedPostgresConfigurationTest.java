package org.residentregistry.api.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.residentregistry.api.RegistryIntegrationTest;
import org.residentregistry.projections.PostgresSizing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the registry's own DataSource finds on the embedded server. */
class EmbeddedPostgresConfigurationTest extends RegistryIntegrationTest {

    @Autowired
    private DataSource dataSource;

    @Test
    void everyCommitIsOnDiskBeforeItIsAcknowledged() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);

        assertThat(jdbc.queryForObject("SHOW fsync", String.class)).isEqualTo("on");
        assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
        assertThat(jdbc.queryForObject("SHOW full_page_writes", String.class)).isEqualTo("on");
    }

    @Test
    void theServerIsSizedForTheRegistrysWritesNotForATest() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);

        assertThat(jdbc.queryForObject("SHOW shared_buffers", String.class)).isEqualTo("2GB");
        assertThat(jdbc.queryForObject("SHOW max_wal_size", String.class)).isEqualTo("8GB");
        assertThat(jdbc.queryForObject("SELECT pg_size_bytes(current_setting('effective_cache_size')) = pg_size_bytes(?)",
                Boolean.class, PostgresSizing.DEFAULT_EFFECTIVE_CACHE_SIZE)).as("half the host's memory").isTrue();
    }

    @Test
    void theServerLogGoesToAFileInTheDataDirectory() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);

        Path cluster = Path.of(jdbc.queryForObject("SHOW data_directory", String.class));
        assertThat(cluster.resolve(jdbc.queryForObject("SELECT pg_current_logfile()", String.class)))
                .isRegularFile()
                .hasParent(cluster.resolve("log"));
    }

    @Test
    void theClusterCollatesTheSameOnEveryHost() {
        assertThat(new JdbcTemplate(dataSource).queryForObject(
                "SELECT datlocprovider::text || ' ' || datlocale FROM pg_database WHERE datname = current_database()", String.class))
                .isEqualTo("b C.UTF-8");
    }
}
