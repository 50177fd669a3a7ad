package org.residentregistry.api.security;

import jakarta.servlet.DispatcherType;
import org.residentregistry.api.operation.OperationLog;
import org.residentregistry.api.problem.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

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
