package org.residentregistry.api.overseas;

import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.residentregistry.api.eventstore.PrefetchedEventSourcingRepository;
import org.residentregistry.core.overseas.OverseasIdentity;
import org.residentregistry.core.search.AddressSearchKey;
import org.residentregistry.projections.overseas.OverseasFileProjection;
import org.residentregistry.projections.overseas.OverseasFileQueries;
import org.residentregistry.projections.overseas.OverseasSearchProjection;
import org.residentregistry.projections.overseas.OverseasSearchQueries;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires the overseas-address file's domain (registry-core) and read models (projections) into the server. */
@Configuration(proxyBeanMethods = false)
class OverseasFileConfiguration {

    @Bean
    EventSourcingRepository<OverseasIdentity> overseasIdentityRepository(EventStore eventStore) {
        return PrefetchedEventSourcingRepository.of(OverseasIdentity.class, eventStore);
    }

    @Bean
    OverseasFileProjection overseasFileProjection(JdbcTemplate jdbc) {
        return new OverseasFileProjection(jdbc);
    }

    @Bean
    OverseasSearchProjection overseasSearchProjection(JdbcTemplate jdbc, AddressSearchKey addressKey) {
        return new OverseasSearchProjection(jdbc, addressKey);
    }

    @Bean
    OverseasFileQueries overseasFileQueries(JdbcTemplate jdbc) {
        return new OverseasFileQueries(jdbc);
    }

    @Bean
    OverseasSearchQueries overseasSearchQueries(JdbcTemplate jdbc, AddressSearchKey addressKey) {
        return new OverseasSearchQueries(jdbc, addressKey);
    }
}
