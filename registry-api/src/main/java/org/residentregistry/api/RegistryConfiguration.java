package org.residentregistry.api;

import java.time.Clock;

import org.residentregistry.core.prefecture.Prefecture;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The registry's own facts: its clock and its prefecture. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RegistryConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Prefecture prefecture() {
        return Prefecture.saitama();
    }
}
