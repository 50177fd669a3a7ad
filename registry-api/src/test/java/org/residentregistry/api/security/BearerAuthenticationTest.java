package org.residentregistry.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.HttpTestClient.Reply;
import org.residentregistry.api.admin.AdministrationFixture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.residentregistry.api.problem.ProblemAssertions.assertProblem;

class BearerAuthenticationTest extends ApiIntegrationTest {

    private static final String ACCOUNTS = "/api/v1/admin/accounts";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    AccountTokenCache tokenCache;
    @Value("${registry.security.token-cache-ttl:PT1S}")
    Duration ttl;

    @Test
    void theBootstrapAdministratorAuthenticatesWithTheConfiguredToken() {
        Reply reply = http.get(ACCOUNTS, BOOTSTRAP_ADMIN_TOKEN);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("accounts")).anySatisfy(account -> {
            assertThat(account.path("id").asText()).isEqualTo("bootstrap-admin");
            assertThat(account.path("role").asText()).isEqualTo("ADMINISTRATOR");
        });
    }

    @Test
    void noTokenIs401WithAChallengeAndAProblemDocument() {
        Reply reply = http.get(ACCOUNTS, null);

        assertProblem(reply, 401);
        assertThat(reply.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void anUnknownOrMalformedTokenIs401WithoutEchoingIt() {
        String unknown = AdministrationFixture.newToken();
        for (String authorization : new String[] {"Bearer " + unknown, "Bearer short", "Bearer two words",
                "Basic dXNlcjpwYXNzd29yZA==", "Bearer "}) {
            Reply reply = http.send(http.request(ACCOUNTS, null).header("Authorization", authorization).GET());

            assertProblem(reply, 401);
            assertThat(reply.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(reply.body()).doesNotContain(unknown);
        }
    }

    @Test
    void aRevokedTokenIs401FromTheNextRequestOn() {
        String id = AdministrationFixture.newId("admin");
        String token = administration.account(id, Role.ADMINISTRATOR);
        assertThat(http.get(ACCOUNTS, token).status()).isEqualTo(200);

        assertThat(http.post(ACCOUNTS + "/" + id + "/revocation", BOOTSTRAP_ADMIN_TOKEN, "").status()).isEqualTo(200);

        Reply reply = http.get(ACCOUNTS, token);
        assertProblem(reply, 401);
        assertThat(reply.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
    }

    /**
     * Another node sharing the database revokes the account: its commit is seen here at the latest once the period a
     * lookup is kept has passed, which is how long that node waits before it answers the revocation. So from its
     * answer on, this node refuses the token too, although it had just authenticated it.
     */
    @Test
    void aTokenRevokedOnAnotherNodeIsRefusedHereFromTheMomentThatNodeAnswers() {
        String id = AdministrationFixture.newId("auditor");
        String token = administration.account(id, Role.AUDITOR);
        assertThat(http.get("/api/v1/audit/provision-log", token).status()).isEqualTo(200);

        // The other node's revocation: its commit, then its wait before answering.
        jdbc.sql("UPDATE account SET revoked_at = now(), revoked_by = 'another-node' WHERE id = ?").param(id).update();
        tokenCache.awaitCachedLookupsExpired();

        assertProblem(http.get("/api/v1/audit/provision-log", token), 401);
    }

    /** The revoking node answers only once no node can hold the token from an earlier lookup. */
    @Test
    void aRevocationIsAnsweredOnlyOnceNoNodeCanStillHoldTheToken() {
        String id = AdministrationFixture.newId("auditor");
        String token = administration.account(id, Role.AUDITOR);
        assertThat(http.get("/api/v1/audit/provision-log", token).status()).isEqualTo(200);

        long started = System.nanoTime();
        assertThat(http.post(ACCOUNTS + "/" + id + "/revocation", BOOTSTRAP_ADMIN_TOKEN, "").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(ttl);
        assertProblem(http.get("/api/v1/audit/provision-log", token), 401);
    }

    @Test
    void tokensAreStoredOnlyAsHashes() throws Exception {
        String id = AdministrationFixture.newId("auditor");
        String token = administration.account(id, Role.AUDITOR);

        byte[] stored = jdbc.sql("SELECT token_hash FROM account WHERE id = ?").param(id).query(byte[].class).single();
        String row = jdbc.sql("SELECT account::text FROM account WHERE id = ?").param(id).query(String.class).single();

        assertThat(stored).isEqualTo(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        assertThat(row).doesNotContain(token);
        assertThat(jdbc.sql("SELECT count(*) FROM account WHERE token_hash = ?")
                .param(BOOTSTRAP_ADMIN_TOKEN.getBytes(StandardCharsets.UTF_8)).query(Long.class).single()).isZero();
    }
}
