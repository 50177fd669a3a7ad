package org.residentregistry.api.eventstore;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.residentregistry.core.identity.ResidentIdentity;
import org.residentregistry.projections.EventStoreJson;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Axon on PostgreSQL without Axon Server: the JDBC storage engine on the Flyway schema (snake_case, bytea),
 * Jackson serialisation through a mapper of its own, duplicate keys recognised as concurrency conflicts, and
 * a JDBC token store with a node id unique to this process.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    static final String GLOBAL_INDEX_SEQUENCE = "domain_event_entry_global_index_seq";

    /** The store's own mapping: dates and instants as numbers (see {@link EventStoreJson}). */
    private static final ObjectMapper STORE_MAPPER = EventStoreJson.storage();

    @Bean
    @Primary
    Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(STORE_MAPPER).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return JacksonSerializer.builder().objectMapper(STORE_MAPPER).build();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(STORE_MAPPER).build();
    }

    @Bean
    PrefetchingJdbcEventStorageEngine eventStorageEngine(Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer,
                                          Configuration configuration, ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager, JdbcTemplate jdbc,
                                          TransactionTemplate transactions,
                                          @Value("${registry.event-store.gap-timeout:PT60S}") Duration gapTimeout) {
        EventSchema schema = EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                // PostgreSQL reports a duplicate (aggregate, sequence) as SQLState 23505 in a plain
                // PSQLException; Axon's default resolver misses it, and the conflict would not be retried.
                .persistenceExceptionResolver(new SQLStateResolver("23505"))
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .dataType(byte[].class)
                // Streaming processors and rebuilds read the store in batches of this size (Axon's default: 100).
                .batchSize(1000)
                // Axon's gap timeout no longer decides whether an event is skipped (see GapSafeJdbcEventStorageEngine).
                .gapTimeout((int) gapTimeout.toMillis())
                .schema(schema);
        return new PrefetchingJdbcEventStorageEngine(builder, jdbc, transactions, GLOBAL_INDEX_SEQUENCE);
    }

    /**
     * The event store (and event bus) of the registry: Axon's embedded one, see {@link UnitOfWorkAwareEventStore}.
     * Streaming processors read the storage engine itself rather than an in-memory cache of the latest events shared
     * between them: a retention purge deletes events, and a cached copy would hand an erased event to a processor
     * (a rebuild) after the purge.
     */
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    EmbeddedEventStore eventStore(PrefetchingJdbcEventStorageEngine storageEngine, Configuration configuration) {
        return new UnitOfWorkAwareEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .optimizeEventConsumption(false)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class)));
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                          @Value("${registry.node-id:}") String configuredNodeId) {
        TokenSchema schema = TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(schema)
                .contentType(byte[].class)
                .nodeId(nodeId(configuredNodeId))
                .build();
    }

    /**
     * This node's id: {@code registry.node-id} if set, else one unique per process even for two nodes on one
     * host, or a node restarted with a reused PID. The relay uses it too.
     */
    public static String nodeId(String configuredNodeId) {
        return configuredNodeId.isBlank() ? DEFAULT_NODE_ID : configuredNodeId;
    }

    private static final String DEFAULT_NODE_ID =
            ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8);

    @Bean
    EventSourcingRepository<ResidentIdentity> residentIdentityRepository(EventStore eventStore) {
        return PrefetchedEventSourcingRepository.of(ResidentIdentity.class, eventStore);
    }
}
