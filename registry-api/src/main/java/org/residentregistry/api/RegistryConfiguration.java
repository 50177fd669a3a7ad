package org.residentregistry.api;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The registry's clock, and its scheduled work. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RegistryConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
