package org.residentregistry.api.security;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.residentregistry.api.RegistryIntegrationTest;
import org.residentregistry.api.admin.AdministrationFixture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The start-up of the bootstrap administrator, replayed with other tokens on the shared database inside
 * transactions that are rolled back, so that the other tests keep their bootstrap administrator.
 */
class BootstrapAdministratorTest extends RegistryIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AccountTokenIntrospector introspector;

    private byte[] storedHash() {
        return jdbc.sql("SELECT token_hash FROM account WHERE id = 'bootstrap-admin'").query(byte[].class).single();
    }

    private void rolledBack(Runnable test) {
        transactions.executeWithoutResult(transaction -> {
            transaction.setRollbackOnly();
            test.run();
        });
    }

    @Test
    void aNewTokenReplacesTheOldOneAtStartUp() {
        String newToken = AdministrationFixture.newToken();
        rolledBack(() -> {
            new BootstrapAdministrator(jdbc, newToken).afterPropertiesSet();

            assertThat(storedHash()).isEqualTo(AccountTokens.hash(newToken));
        });
    }

    @Test
    void aRevokedBootstrapAdministratorStaysRevoked() {
        rolledBack(() -> {
            jdbc.sql("UPDATE account SET revoked_at = now(), revoked_by = 'someone' WHERE id = 'bootstrap-admin'").update();

            new BootstrapAdministrator(jdbc, AdministrationFixture.newToken()).afterPropertiesSet();

            assertThat(storedHash()).isEqualTo(AccountTokens.hash(BOOTSTRAP_ADMIN_TOKEN));
            assertThat(jdbc.sql("SELECT revoked_at IS NOT NULL FROM account WHERE id = 'bootstrap-admin'")
                    .query(Boolean.class).single()).isTrue();
        });
    }

    @Test
    void withoutAConfiguredTokenTheBootstrapAdministratorDoesNotAuthenticate() {
        AccountTokenIntrospector unconfigured = new AccountTokenIntrospector(jdbc, new BootstrapAdministrator(jdbc, ""),
                new AccountTokenCache(Duration.ofSeconds(1)));

        assertThat(introspector.introspect(BOOTSTRAP_ADMIN_TOKEN).getName()).isEqualTo("bootstrap-admin");
        assertThatThrownBy(() -> unconfigured.introspect(BOOTSTRAP_ADMIN_TOKEN)).isInstanceOf(BadOpaqueTokenException.class);
    }

    @Test
    void aShortOrMalformedTokenStopsTheStartWithAnExplanation() {
        Throwable tooShort = catchThrowable(() -> new BootstrapAdministrator(jdbc, "only-31-characters-long-0123456"));
        FailureAnalysis analysis = new BootstrapTokenFailureAnalyzer().analyze(tooShort);

        assertThat(analysis.getDescription()).contains("REGISTRY_BOOTSTRAP_ADMIN_TOKEN", "at least 32 characters")
                .doesNotContain("only-31");
        assertThat(analysis.getAction()).contains("openssl rand");
        assertThatThrownBy(() -> new BootstrapAdministrator(jdbc, "a token of more than thirty-two characters"))
                .isInstanceOf(BootstrapAdministrator.UnusableTokenException.class)
                .hasMessageContaining("may contain only");
    }

    @Test
    void aTokenOfAnotherAccountStopsTheStart() {
        String token = AdministrationFixture.newToken();
        rolledBack(() -> {
            jdbc.sql("INSERT INTO account (id, role, token_hash, created_at) VALUES ('other', 'AUDITOR', ?, now())")
                    .param(AccountTokens.hash(token)).update();

            assertThatThrownBy(() -> new BootstrapAdministrator(jdbc, token).afterPropertiesSet())
                    .isInstanceOf(BootstrapAdministrator.UnusableTokenException.class)
                    .hasMessageContaining("another account");
        });
    }
}
