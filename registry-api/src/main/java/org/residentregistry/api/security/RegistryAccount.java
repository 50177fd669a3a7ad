package org.residentregistry.api.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;

/**
 * The account a request is made by: the authenticated principal of every request with a valid bearer
 * token. A controller gets it as a parameter:
 * <pre>{@code
 * @PostMapping("/api/v1/identity/notifications")
 * Results notify(@RequestBody Notifications body, @AuthenticationPrincipal RegistryAccount caller) {
 *     // caller.municipalityCode() is the municipality this CS may notify for
 * }
 * }</pre>
 * ({@code org.springframework.security.core.annotation.AuthenticationPrincipal}). The filter chain has
 * already checked the role for the path, so the parameter is never {@code null} on an {@code /api/v1}
 * endpoint.
 *
 * @param municipalityCode the municipality of a {@link Role#MUNICIPAL_CS} account, else {@code null}
 * @param departmentId     the department of a {@link Role#DEPARTMENT_OPERATOR} account, else {@code null}
 */
public record RegistryAccount(String id, Role role, String municipalityCode, String departmentId)
        implements OAuth2AuthenticatedPrincipal {

    @Override
    public String getName() {
        return id;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return Map.of(OAuth2TokenIntrospectionClaimNames.SUB, id);
    }

    @Override
    public Collection<Role> getAuthorities() {
        return List.of(role);
    }
}
