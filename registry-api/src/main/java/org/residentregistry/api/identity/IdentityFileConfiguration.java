package org.residentregistry.api.identity;

import org.axonframework.eventsourcing.EventSourcingRepository;
import org.residentregistry.api.notification.JdbcNotificationLedger;
import org.residentregistry.core.identity.IdentityNotificationHandler;
import org.residentregistry.core.identity.ResidentIdentity;
import org.residentregistry.core.prefecture.Prefecture;
import org.residentregistry.core.search.AddressSearchKey;
import org.residentregistry.projections.identity.IdentityFileProjection;
import org.residentregistry.projections.identity.IdentityFileQueries;
import org.residentregistry.projections.search.IdentitySearchProjection;
import org.residentregistry.projections.search.IdentitySearchQueries;
import org.residentregistry.projections.statistics.UpdateStatisticsProjection;
import org.residentregistry.projections.statistics.UpdateStatisticsQueries;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires the identity file's domain (registry-core) and read models (projections) into the server. */
@Configuration(proxyBeanMethods = false)
class IdentityFileConfiguration {

    @Bean
    JdbcNotificationLedger notificationLedger(JdbcTemplate jdbc) {
        return new JdbcNotificationLedger(jdbc, "identity_notification");
    }

    @Bean
    JdbcIndividualNumberHolders individualNumberHolders(JdbcTemplate jdbc) {
        return new JdbcIndividualNumberHolders(jdbc);
    }

    @Bean
    IdentityNotificationHandler identityNotificationHandler(EventSourcingRepository<ResidentIdentity> repository,
                                                            JdbcNotificationLedger ledger,
                                                            JdbcIndividualNumberHolders holders) {
        return new IdentityNotificationHandler(repository, ledger, holders);
    }

    @Bean
    IdentityFileProjection identityFileProjection(JdbcTemplate jdbc) {
        return new IdentityFileProjection(jdbc);
    }

    @Bean
    IdentityFileQueries identityFileQueries(JdbcTemplate jdbc) {
        return new IdentityFileQueries(jdbc);
    }

    /** Addresses are searched with or without the prefecture's name. */
    @Bean
    AddressSearchKey addressSearchKey(Prefecture prefecture) {
        return new AddressSearchKey(prefecture.name());
    }

    @Bean
    IdentitySearchProjection identitySearchProjection(JdbcTemplate jdbc, AddressSearchKey addressKey) {
        return new IdentitySearchProjection(jdbc, addressKey);
    }

    @Bean
    IdentitySearchQueries identitySearchQueries(JdbcTemplate jdbc, AddressSearchKey addressKey) {
        return new IdentitySearchQueries(jdbc, addressKey);
    }

    @Bean
    UpdateStatisticsProjection updateStatisticsProjection(JdbcTemplate jdbc) {
        return new UpdateStatisticsProjection(jdbc);
    }

    @Bean
    UpdateStatisticsQueries updateStatisticsQueries(JdbcTemplate jdbc) {
        return new UpdateStatisticsQueries(jdbc);
    }
}
