package org.residentregistry.api.security;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.HttpTestClient.Reply;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;
import org.springframework.web.util.ServletRequestPathUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.residentregistry.api.problem.ProblemAssertions.assertProblem;
import static org.residentregistry.api.security.Role.ADMINISTRATOR;
import static org.residentregistry.api.security.Role.AUDITOR;
import static org.residentregistry.api.security.Role.DEPARTMENT_OPERATOR;
import static org.residentregistry.api.security.Role.DISCLOSURE_OFFICER;
import static org.residentregistry.api.security.Role.MUNICIPAL_CS;
import static org.residentregistry.api.security.Role.OPERATIONS;

/**
 * Each path is open to exactly one role, and the filter chain decides before routing: most of these
 * endpoints belong to other parts of the registry, and a forbidden caller gets 403 whether or not they
 * exist yet. An allowed caller gets past security, to whatever the endpoint answers.
 */
class RoleBoundariesTest extends ApiIntegrationTest {

    final Map<Role, String> tokens = new EnumMap<>(Role.class);

    @Autowired
    ApplicationContext context;

    @BeforeEach
    void createOneAccountPerRole() {
        for (Role role : Role.values()) {
            tokens.put(role, administration.account(role));
        }
    }

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("GET", "/api/v1/admin/accounts", ADMINISTRATOR),
                Arguments.of("POST", "/api/v1/admin/affairs", ADMINISTRATOR),
                Arguments.of("POST", "/api/v1/identity/notifications", MUNICIPAL_CS),
                Arguments.of("POST", "/api/v1/overseas/notifications", MUNICIPAL_CS),
                Arguments.of("POST", "/api/v1/identity/reconciliations", MUNICIPAL_CS),
                Arguments.of("GET", "/api/v1/overseas/reconciliations/r-1", MUNICIPAL_CS),
                Arguments.of("GET", "/api/v1/identity/residents/1234567890?affair=a", DEPARTMENT_OPERATOR),
                Arguments.of("GET", "/api/v1/identity/residents?individualNumber=1&affair=a", DEPARTMENT_OPERATOR),
                Arguments.of("POST", "/api/v1/identity/search", DEPARTMENT_OPERATOR),
                Arguments.of("POST", "/api/v1/identity/bulk-queries?affair=a", DEPARTMENT_OPERATOR),
                Arguments.of("GET", "/api/v1/overseas/residents/1234567890?affair=a", DEPARTMENT_OPERATOR),
                Arguments.of("POST", "/api/v1/overseas/search", DEPARTMENT_OPERATOR),
                Arguments.of("GET", "/api/v1/overseas/provisions/p-1", DEPARTMENT_OPERATOR),
                Arguments.of("GET", "/api/v1/disclosures/identity/1234567890", DISCLOSURE_OFFICER),
                Arguments.of("GET", "/api/v1/audit/provision-log", AUDITOR),
                Arguments.of("GET", "/actuator/prometheus", OPERATIONS));
    }

    @ParameterizedTest(name = "{0} {1} is for {2} only")
    @MethodSource("endpoints")
    void eachEndpointIsForOneRole(String method, String path, Role allowed) {
        for (Role role : Role.values()) {
            Reply reply = call(method, path, tokens.get(role));
            if (role == allowed) {
                assertThat(reply.status()).as(role + ": " + reply.body()).isNotIn(401, 403);
            } else {
                assertProblem(reply, 403);
            }
        }
        assertProblem(call(method, path, null), 401);
    }

    @Test
    void notificationsCanOnlyBePosted() {
        assertProblem(call("GET", "/api/v1/identity/notifications", tokens.get(MUNICIPAL_CS)), 403);
    }

    @Test
    void aPathNoRuleNamesIsDeniedToEveryone() {
        for (String path : new String[] {"/api/v1/elsewhere", "/api/v2/admin/accounts", "/error", "/actuator", "/actuator/env"}) {
            for (Role role : Role.values()) {
                assertProblem(call("GET", path, tokens.get(role)), 403);
            }
            assertProblem(call("GET", path, null), 401);
        }
    }

    @Test
    void healthAndApiDocumentationAreOpen() {
        Reply health = http.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        assertThat(http.get("/v3/api-docs", null).status()).isEqualTo(200);
    }

    @Test
    void anAdministratorsUnknownAdminPathIs404() {
        assertProblem(call("GET", "/api/v1/admin/nothing-here", tokens.get(ADMINISTRATOR)), 404);
    }

    /**
     * The rules above hold with path patterns, and nothing looks the route up before the dispatcher: through the
     * security filters, a request reaches what follows them with its path parsed (for the patterns) and without the
     * route that Spring MVC's introspector would have looked up and cached.
     */
    @Test
    void theRulesMatchPathPatternsWithoutLookingUpTheRouteBeforeTheDispatcher() throws Exception {
        Filter security = context.getBean("springSecurityFilterChain", Filter.class);
        List<Boolean> seen = new ArrayList<>();
        security.doFilter(new MockHttpServletRequest("GET", "/actuator/health"), new MockHttpServletResponse(),
                (request, response) -> {
                    seen.add(ServletRequestPathUtils.hasParsedRequestPath(request));
                    seen.add(HandlerMappingIntrospector.CachedResult.getResultFor((HttpServletRequest) request) == null);
                });
        assertThat(seen).containsExactly(true, true);
    }

    private Reply call(String method, String path, String token) {
        HttpRequest.Builder request = http.request(path, token).header("Content-Type", "application/json");
        return http.send(method.equals("GET") ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString("{}")));
    }
}
