package org.residentregistry.api.security;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.stereotype.Component;

/**
 * Authenticates a bearer token by the hash of it in {@code account}, through the unique index on {@code token_hash},
 * at most once a short period per token ({@link AccountTokenCache}); a revocation is refused from the moment it is
 * answered, on every node.
 */
@Component
class AccountTokenIntrospector implements OpaqueTokenIntrospector {

    private final JdbcClient jdbc;
    private final BootstrapAdministrator bootstrap;
    private final AccountTokenCache cache;

    AccountTokenIntrospector(JdbcClient jdbc, BootstrapAdministrator bootstrap, AccountTokenCache cache) {
        this.jdbc = jdbc;
        this.bootstrap = bootstrap;
        this.cache = cache;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        if (AccountTokens.defect(token).isPresent()) {
            throw invalid(); // no account can have it; spare the database
        }
        byte[] hash = AccountTokens.hash(token);
        return cache.account(hash, () -> jdbc.sql("""
                                SELECT id, role, municipality_code, department_id FROM account
                                WHERE token_hash = ? AND revoked_at IS NULL""")
                        .param(hash)
                        .query((row, n) -> new RegistryAccount(row.getString("id"), Role.valueOf(row.getString("role")),
                                row.getString("municipality_code"), row.getString("department_id")))
                        .optional()
                        .filter(bootstrap::admits))
                .orElseThrow(AccountTokenIntrospector::invalid);
    }

    /** The same answer for unknown, revoked and malformed tokens, so that none can be told from another. */
    private static BadOpaqueTokenException invalid() {
        return new BadOpaqueTokenException("The bearer token is not valid or has been revoked");
    }
}
