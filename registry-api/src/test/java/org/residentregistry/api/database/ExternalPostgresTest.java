package org.residentregistry.api.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.residentregistry.api.RegistryApplication;
import org.residentregistry.projections.PostgresSizing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code spring.datasource.url}, the registry runs on that PostgreSQL: nothing embedded starts, and
 * Flyway creates the schema there. (The "external" server here is one the test starts itself.)
 */
@SpringBootTest(classes = RegistryApplication.class)
@DirtiesContext
class ExternalPostgresTest {

    private static final Path EXTERNAL_DIR = Path.of("target/test-data", "external-" + UUID.randomUUID());
    private static final Path REGISTRY_DIR = Path.of("target/test-data", "registry-" + UUID.randomUUID());
    private static EmbeddedPostgresServer external;

    @DynamicPropertySource
    static void externalDatabase(DynamicPropertyRegistry properties) throws IOException {
        external = EmbeddedPostgresServer.start(EXTERNAL_DIR, 0, Duration.ofMinutes(2), PostgresSizing.DEFAULT);
        // Stopped when the test JVM exits: by then @DirtiesContext has closed the registry that used it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                external.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
        properties.add("spring.datasource.url", external::jdbcUrl);
        properties.add("spring.datasource.username", () -> "postgres");
        properties.add("registry.data-dir", REGISTRY_DIR::toString);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;

    @Test
    void theSchemaIsCreatedOnTheExternalServerAndNothingEmbeddedStarts() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE success", Integer.class)).isPositive();
        assertThat(jdbc.queryForObject("SELECT to_regclass('domain_event_entry') IS NOT NULL", Boolean.class)).isTrue();
        assertThat(context.getBeansOfType(EmbeddedPostgresServer.class)).isEmpty();
        assertThat(Files.exists(EmbeddedPostgresServer.clusterDirectory(REGISTRY_DIR))).isFalse();
    }
}
