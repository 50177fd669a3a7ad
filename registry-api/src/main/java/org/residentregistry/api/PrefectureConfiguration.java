package org.residentregistry.api;

import org.residentregistry.core.prefecture.Prefecture;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The prefecture whose registry this is: its municipalities are the only ones that notify it or have CS accounts. */
@Configuration(proxyBeanMethods = false)
class PrefectureConfiguration {

    @Bean
    Prefecture prefecture() {
        return Prefecture.saitama();
    }
}
