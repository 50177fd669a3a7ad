package org.residentregistry.api.web;

import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Spring MVC's request mappings replaced by {@link PrefixFilteredRequestMappings}, through Spring Boot's hook for it. */
@Configuration(proxyBeanMethods = false)
class RequestRouting {

    @Bean
    WebMvcRegistrations prefixFilteredRequestMappings() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new PrefixFilteredRequestMappings();
            }
        };
    }
}
