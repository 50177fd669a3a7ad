package org.residentregistry.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The administrator account {@code bootstrap-admin}, which authenticates with the token in the
 * environment variable {@code REGISTRY_BOOTSTRAP_ADMIN_TOKEN} (or the property
 * {@code registry.bootstrap-admin-token}) so that a new registry can create its first accounts.
 * <p>
 * At start-up the account is created or given the configured token, unless it was revoked: a revoked
 * bootstrap administrator stays revoked, whatever token is configured. Without a configured token the
 * account does not authenticate at all, even with a token it had before. The token itself is never kept
 * or logged, only its hash.
 */
@Component
public class BootstrapAdministrator implements InitializingBean {

    public static final String ACCOUNT_ID = "bootstrap-admin";

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdministrator.class);

    private final JdbcClient jdbc;
    private final byte[] tokenHash;

    /**
     * @param token the configured token; empty means none. Spring resolves the property from the
     *              environment variable too.
     * @throws UnusableTokenException if the token is unusable, so that the server refuses to start
     */
    BootstrapAdministrator(JdbcClient jdbc, @Value("${registry.bootstrap-admin-token:}") String token) {
        this.jdbc = jdbc;
        if (token.isEmpty()) {
            this.tokenHash = null;
            return;
        }
        AccountTokens.defect(token).ifPresent(defect -> {
            throw new UnusableTokenException("The bootstrap administrator token (REGISTRY_BOOTSTRAP_ADMIN_TOKEN or "
                    + "registry.bootstrap-admin-token) " + defect.message() + ".", null);
        });
        this.tokenHash = AccountTokens.hash(token);
    }

    /** Whether the account may authenticate: every account may, but for this one only while a token is configured. */
    boolean admits(RegistryAccount account) {
        return tokenHash != null || !ACCOUNT_ID.equals(account.id());
    }

    @Override
    public void afterPropertiesSet() {
        if (tokenHash == null) {
            return;
        }
        int updated;
        try {
            updated = jdbc.sql("""
                            INSERT INTO account (id, role, token_hash, created_at)
                            VALUES (:id, :role, :hash, now())
                            ON CONFLICT (id) DO UPDATE
                                SET role = EXCLUDED.role, municipality_code = NULL, department_id = NULL,
                                    token_hash = EXCLUDED.token_hash
                                WHERE account.revoked_at IS NULL""")
                    .param("id", ACCOUNT_ID)
                    .param("role", Role.ADMINISTRATOR.name())
                    .param("hash", tokenHash)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new UnusableTokenException("The bootstrap administrator token (REGISTRY_BOOTSTRAP_ADMIN_TOKEN or "
                    + "registry.bootstrap-admin-token) is, or was, the token of another account.", e);
        }
        if (updated == 0) {
            log.warn("The bootstrap administrator '{}' was revoked and stays revoked; its token is not accepted.", ACCOUNT_ID);
        } else {
            log.info("The bootstrap administrator '{}' authenticates with the configured token.", ACCOUNT_ID);
        }
    }

    /** A configured token the registry refuses to start with; {@link BootstrapTokenFailureAnalyzer} explains it. */
    static class UnusableTokenException extends IllegalStateException {

        UnusableTokenException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
