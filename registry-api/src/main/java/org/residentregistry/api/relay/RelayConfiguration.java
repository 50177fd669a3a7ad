package org.residentregistry.api.relay;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import org.residentregistry.api.eventstore.AxonConfiguration;
import org.residentregistry.core.relay.RelayDestination;
import org.residentregistry.projections.relay.RelayOutbox;
import org.residentregistry.projections.relay.RelayOutboxProjection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/** Wires the relay to the national servers: the outbox (always written) and, when enabled, the worker. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RelayProperties.class)
class RelayConfiguration {

    @Bean
    RelayOutboxProjection relayOutboxProjection(JdbcTemplate jdbc) {
        return new RelayOutboxProjection(jdbc);
    }

    @Bean
    RelayOutbox relayOutbox(JdbcTemplate jdbc, TransactionTemplate transactions, RelayProperties properties) {
        return new RelayOutbox(jdbc, transactions, backoff(properties));
    }

    private static RelayOutbox.Backoff backoff(RelayProperties properties) {
        return new RelayOutbox.Backoff(properties.backoff().initial(), properties.backoff().max());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty(name = "registry.relay.enabled", havingValue = "true")
    RelayWorker relayWorker(RelayOutbox outbox, RelayProperties properties, SslBundles sslBundles,
                            @Value("${registry.node-id:}") String configuredNodeId) {
        String node = AxonConfiguration.nodeId(configuredNodeId);
        Map<RelayDestination, HttpNationalServer.Target> targets = new EnumMap<>(RelayDestination.class);
        endpoints(properties).forEach((destination, endpoint) -> {
            if (endpoint.configured()) {
                targets.put(destination, new HttpNationalServer.Target(URI.create(endpoint.url()),
                        client(endpoint, properties, sslBundles)));
            }
        });
        RelayWorker.Settings settings = new RelayWorker.Settings(Set.copyOf(targets.keySet()), properties.batchSize(),
                properties.threads(), properties.pollInterval(), properties.lease(), backoff(properties));
        return new RelayWorker(outbox, new HttpNationalServer(targets, node), settings, node);
    }

    static Map<RelayDestination, RelayProperties.Endpoint> endpoints(RelayProperties properties) {
        return Map.of(RelayDestination.IDENTITY_NATIONAL, properties.identity(),
                RelayDestination.ANNEX_NATIONAL, properties.overseas());
    }

    private static RestClient client(RelayProperties.Endpoint endpoint, RelayProperties properties, SslBundles sslBundles) {
        ClientHttpRequestFactorySettings settings = ClientHttpRequestFactorySettings.defaults()
                .withConnectTimeout(properties.connectTimeout())
                .withReadTimeout(properties.readTimeout());
        if (endpoint.sslBundle() != null && !endpoint.sslBundle().isBlank()) {
            settings = settings.withSslBundle(sslBundles.getBundle(endpoint.sslBundle()));
        }
        return RestClient.builder()
                .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(settings))
                .build();
    }
}
