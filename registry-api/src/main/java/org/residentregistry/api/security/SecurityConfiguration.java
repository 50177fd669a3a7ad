package org.residentregistry.api.security;

import java.util.List;

import jakarta.servlet.DispatcherType;
import org.residentregistry.api.operation.OperationLog;
import org.residentregistry.api.problem.ProblemWriter;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;

import static org.residentregistry.api.security.Role.ADMINISTRATOR;
import static org.residentregistry.api.security.Role.AUDITOR;
import static org.residentregistry.api.security.Role.DEPARTMENT_OPERATOR;
import static org.residentregistry.api.security.Role.DISCLOSURE_OFFICER;
import static org.residentregistry.api.security.Role.MUNICIPAL_CS;
import static org.residentregistry.api.security.Role.OPERATIONS;

/**
 * Who may call what. Every request with {@code Authorization: Bearer <token>} is authenticated by
 * {@link AccountTokenIntrospector}; each path is open to exactly one role (domain.md §5.3), and a path not
 * listed here is denied to everyone, so that a new endpoint is closed until its role is written down.
 * The rules are checked before routing: a forbidden caller gets 403 whether or not the endpoint exists.
 * <p>
 * Stateless: no session, no cookie, hence no CSRF protection to need; no login form, no basic auth.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** The factory of Spring MVC's route cache filter, as Spring Security 6.5 registers it. */
    private static final String ROUTE_CACHE_FILTER = "org.springframework.security.config.annotation.web.configuration"
            + ".WebMvcSecurityConfiguration$HandlerMappingIntrospectorCacheFilterFactoryBean";

    @Bean
    SecurityFilterChain registryFilterChain(HttpSecurity http, AccountTokenIntrospector introspector,
                                            ProblemWriter problems) throws Exception {
        AuthenticationEntryPoint unauthenticated = unauthenticated(problems);
        AccessDeniedHandler forbidden = (request, response, e) -> problems.write(request, response,
                ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "This account's role may not make this request."));
        http.csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // A bad token (the resource server's failure) and no token or the wrong role (the filter
                // chain's) are answered alike.
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .opaqueToken(opaqueToken -> opaqueToken.introspector(introspector))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                // The operation log records who made each request, refused ones included (OperationLog).
                .addFilterAfter(OperationLog.accountCapture(), BearerTokenAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // The error page renders the answer to a request already authorised or refused.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/prometheus").hasRole(OPERATIONS.name())
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/api/v1/admin/**").hasRole(ADMINISTRATOR.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/identity/notifications", "/api/v1/overseas/notifications")
                            .hasRole(MUNICIPAL_CS.name())
                        .requestMatchers("/api/v1/identity/reconciliations/**", "/api/v1/overseas/reconciliations/**")
                            .hasRole(MUNICIPAL_CS.name())
                        .requestMatchers("/api/v1/identity/residents/**", "/api/v1/identity/search",
                                "/api/v1/identity/bulk-queries/**", "/api/v1/overseas/residents/**",
                                "/api/v1/overseas/search", "/api/v1/overseas/provisions/**")
                            .hasRole(DEPARTMENT_OPERATOR.name())
                        .requestMatchers("/api/v1/disclosures/**").hasRole(DISCLOSURE_OFFICER.name())
                        .requestMatchers("/api/v1/audit/**").hasRole(AUDITOR.name())
                        .anyRequest().denyAll());
        return http.build();
    }

    /**
     * No observation of the filter chain, the authentication or the authorisation: with observations on (the
     * actuator's registry), Spring Security wraps each of its filters of every request in an observation of its
     * own, a cost per request for traces this registry does not collect. The HTTP server's metrics
     * ({@code http.server.requests}) are another observation and stay.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The paths above are matched as {@code PathPattern}s, as Spring MVC matches its routes (Spring Security 6.5's
     * opt-in, 7's default), rather than by asking Spring MVC's {@code HandlerMappingIntrospector} which handler
     * would take the request: those matchers need the introspector's cache filter, which looks the route up in
     * every handler mapping before the security filters run, and the dispatcher then looks it up again.
     */
    @Bean
    static PathPatternRequestMatcherBuilderFactoryBean pathPatternRequestMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /**
     * Takes the introspector's cache filter out again: Spring Security 6.5 puts it in front of the filter chain
     * whenever Spring MVC is there (its chain's bean becomes a composite of that filter and the chain, itself in a
     * composite with the path-parsing filter that path patterns use), and with path patterns nothing reads what it
     * caches. It runs after every registry post-processor, so after Spring Security's, and removes that filter's
     * definition from whichever composite holds it; {@code RoleBoundariesTest} checks it is gone.
     */
    @Bean
    static BeanFactoryPostProcessor withoutHandlerMappingIntrospectorCache() {
        return beanFactory -> removeRouteCacheFilter(
                beanFactory.getBeanDefinition(AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME));
    }

    private static void removeRouteCacheFilter(BeanDefinition composite) {
        for (ConstructorArgumentValues.ValueHolder argument
                : composite.getConstructorArgumentValues().getIndexedArgumentValues().values()) {
            if (argument.getValue() instanceof List<?> filters) {
                filters.removeIf(filter -> filter instanceof BeanDefinition definition
                        && ROUTE_CACHE_FILTER.equals(definition.getBeanClassName()));
                filters.forEach(filter -> {
                    if (filter instanceof BeanDefinition definition) {
                        removeRouteCacheFilter(definition);
                    }
                });
            }
        }
    }

    /**
     * 401 with {@code WWW-Authenticate: Bearer} (plus {@code error="invalid_token"} when a token was sent,
     * RFC 6750 §3) and a problem document. The token itself is neither echoed nor logged.
     */
    private static AuthenticationEntryPoint unauthenticated(ProblemWriter problems) {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, e) -> {
            bearer.commence(request, response, e);
            problems.write(request, response, ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                    e instanceof OAuth2AuthenticationException
                            ? "The bearer token is not valid or has been revoked."
                            : "This request needs a bearer token: Authorization: Bearer <token>."));
        };
    }
}
