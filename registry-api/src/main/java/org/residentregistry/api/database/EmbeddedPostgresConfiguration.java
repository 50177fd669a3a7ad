package org.residentregistry.api.database;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import org.residentregistry.projections.PostgresSizing;
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

    /** Closed by the context after the pool, which depends on it; this also happens on SIGTERM. */
    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgres(@Value("${registry.data-dir}") Path dataDir,
                                            @Value("${registry.embedded-postgres.port}") int port,
                                            @Value("${registry.embedded-postgres.startup-timeout}") Duration startupTimeout,
                                            @Value("${registry.embedded-postgres.shared-buffers:"
                                                    + PostgresSizing.DEFAULT_SHARED_BUFFERS + "}") String sharedBuffers,
                                            @Value("${registry.embedded-postgres.max-wal-size:"
                                                    + PostgresSizing.DEFAULT_MAX_WAL_SIZE + "}") String maxWalSize,
                                            @Value("${registry.embedded-postgres.effective-cache-size:}")
                                            String effectiveCacheSize)
            throws IOException {
        return EmbeddedPostgresServer.start(dataDir, port, startupTimeout, new PostgresSizing(sharedBuffers, maxWalSize,
                effectiveCacheSize.isEmpty() ? PostgresSizing.DEFAULT_EFFECTIVE_CACHE_SIZE : effectiveCacheSize));
    }

    /** Pool settings come from {@code spring.datasource.hikari.*}, as for an external server. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgresServer postgres) {
        return DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .url(postgres.jdbcUrl())
                .build();
    }
}
