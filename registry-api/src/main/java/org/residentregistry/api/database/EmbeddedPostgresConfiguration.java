package org.residentregistry.api.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The default run: an embedded PostgreSQL whose data lives in {@code registry.data-dir}. Backs off when
 * {@code spring.datasource.url} names an external server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedPostgresConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${registry.data-dir:./data}") Path dataDir) {
        try {
            Path pgData = dataDir.toAbsolutePath().resolve("postgres");
            Files.createDirectories(pgData);
            return EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    /** Pool settings come from {@code spring.datasource.hikari.*}, as for an external server. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        return DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .url(postgres.getJdbcUrl("postgres", "postgres"))
                .username("postgres")
                .build();
    }
}
