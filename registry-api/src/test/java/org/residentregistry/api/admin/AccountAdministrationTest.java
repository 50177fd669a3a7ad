package org.residentregistry.api.admin;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.HttpTestClient.Reply;
import org.residentregistry.api.security.RegistryAccount;
import org.residentregistry.api.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.residentregistry.api.admin.AdministrationFixture.KAWAGUCHI;
import static org.residentregistry.api.admin.AdministrationFixture.newId;
import static org.residentregistry.api.admin.AdministrationFixture.newToken;
import static org.residentregistry.api.problem.ProblemAssertions.assertProblem;
import static org.residentregistry.api.problem.ProblemAssertions.fieldErrors;

class AccountAdministrationTest extends ApiIntegrationTest {

    private static final String ACCOUNTS = "/api/v1/admin/accounts";

    @Autowired
    AccountController controller;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    private Reply create(String fields) {
        return http.post(ACCOUNTS, BOOTSTRAP_ADMIN_TOKEN, "{" + fields + "}");
    }

    private static String account(String id, String role, String token) {
        return "\"id\":\"%s\",\"role\":\"%s\",\"token\":\"%s\"".formatted(id, role, token);
    }

    @Test
    void createsAMunicipalCsAccountWithoutEchoingItsToken() {
        String id = newId("kawaguchi-cs");
        String token = newToken();

        Reply created = create(account(id, "MUNICIPAL_CS", token) + ",\"municipalityCode\":\"" + KAWAGUCHI + "\"");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode account = created.json();
        assertThat(account.path("id").asText()).isEqualTo(id);
        assertThat(account.path("role").asText()).isEqualTo("MUNICIPAL_CS");
        assertThat(account.path("municipalityCode").asText()).isEqualTo(KAWAGUCHI);
        assertThat(account.path("createdBy").asText()).isEqualTo("bootstrap-admin");
        assertThat(account.has("revokedAt")).isFalse();
        assertThat(created.body()).doesNotContain(token).doesNotContainIgnoringCase("token");
    }

    @Test
    void createsADepartmentOperatorAndListsAccountsWithoutTokens() {
        String department = administration.department();
        String id = newId("operator");
        String token = newToken();

        Reply created = create(account(id, "DEPARTMENT_OPERATOR", token) + ",\"departmentId\":\"" + department + "\"");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("departmentId").asText()).isEqualTo(department);
        Reply list = http.get(ACCOUNTS, BOOTSTRAP_ADMIN_TOKEN);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("accounts")).extracting(each -> each.path("id").asText()).contains(id, "bootstrap-admin");
        assertThat(list.body()).doesNotContain(token).doesNotContainIgnoringCase("token").doesNotContainIgnoringCase("hash");
    }

    @Test
    void rolesWithoutScopeTakeNeitherMunicipalityNorDepartment() {
        for (Role role : new Role[] {Role.DISCLOSURE_OFFICER, Role.AUDITOR, Role.ADMINISTRATOR, Role.OPERATIONS}) {
            assertThat(create(account(newId("person"), role.name(), newToken())).status()).isEqualTo(201);
        }

        assertThat(fieldErrors(create(account(newId("auditor"), "AUDITOR", newToken())
                + ",\"municipalityCode\":\"" + KAWAGUCHI + "\",\"departmentId\":\"dept\"")))
                .containsOnly(entry("municipalityCode", "NOT_ALLOWED"), entry("departmentId", "NOT_ALLOWED"));
    }

    @Test
    void aMunicipalCsNeedsAMunicipalityOfThePrefecture() {
        String id = newId("cs");
        assertThat(fieldErrors(create(account(id, "MUNICIPAL_CS", newToken())))).containsOnly(entry("municipalityCode", "REQUIRED"));
        assertThat(fieldErrors(create(account(id, "MUNICIPAL_CS", newToken()) + ",\"municipalityCode\":\"112039\"")))
                .containsOnly(entry("municipalityCode", "CHECK_DIGIT"));
        assertThat(fieldErrors(create(account(id, "MUNICIPAL_CS", newToken()) + ",\"municipalityCode\":\"11203\"")))
                .containsOnly(entry("municipalityCode", "FORMAT"));
        // Chiyoda, Tokyo: a valid code of another prefecture.
        assertThat(fieldErrors(create(account(id, "MUNICIPAL_CS", newToken()) + ",\"municipalityCode\":\"131016\"")))
                .containsOnly(entry("municipalityCode", "OUTSIDE_PREFECTURE"));
        assertThat(fieldErrors(create(account(id, "MUNICIPAL_CS", newToken())
                + ",\"municipalityCode\":\"" + KAWAGUCHI + "\",\"departmentId\":\"dept\"")))
                .containsOnly(entry("departmentId", "NOT_ALLOWED"));
    }

    @Test
    void aDepartmentOperatorNeedsARegisteredDepartment() {
        String id = newId("operator");
        assertThat(fieldErrors(create(account(id, "DEPARTMENT_OPERATOR", newToken())))).containsOnly(entry("departmentId", "REQUIRED"));
        assertThat(fieldErrors(create(account(id, "DEPARTMENT_OPERATOR", newToken()) + ",\"departmentId\":\"no-such-department\"")))
                .containsOnly(entry("departmentId", "UNKNOWN"));
    }

    @Test
    void listsEveryBadField() {
        Reply reply = create("\"id\":\"\",\"role\":\"SUPERUSER\",\"token\":\"short-secret\"");

        assertThat(fieldErrors(reply)).containsOnly(entry("id", "REQUIRED"), entry("role", "INVALID_VALUE"), entry("token", "TOO_SHORT"));
        assertThat(reply.body()).doesNotContain("short-secret", "SUPERUSER");
        assertThat(fieldErrors(create(account(newId("auditor"), "AUDITOR", "a token with spaces that is long enough"))))
                .containsOnly(entry("token", "FORMAT"));
        assertThat(fieldErrors(create("\"id\":\"x\",\"role\":\"AUDITOR\""))).containsOnly(entry("token", "REQUIRED"));
    }

    @Test
    void anExistingIdOrTokenIsAConflict() {
        String id = newId("auditor");
        String token = newToken();
        assertThat(create(account(id, "AUDITOR", token)).status()).isEqualTo(201);

        assertProblem(create(account(id, "AUDITOR", newToken())), 409);
        JsonNode tokenTaken = assertProblem(create(account(newId("auditor"), "AUDITOR", token)), 409);
        assertThat(tokenTaken.toString()).doesNotContain(id);
        assertProblem(create(account("bootstrap-admin", "ADMINISTRATOR", newToken())), 409);
    }

    @Test
    void revocationIsRecordedAndTheIdIsNeverReused() {
        String id = newId("auditor");
        String token = administration.account(id, Role.AUDITOR);

        Reply revoked = http.post(ACCOUNTS + "/" + id + "/revocation", BOOTSTRAP_ADMIN_TOKEN, "");

        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().path("id").asText()).isEqualTo(id);
        assertThat(revoked.json().path("revokedAt").asText()).isNotEmpty();
        assertThat(revoked.json().path("revokedBy").asText()).isEqualTo("bootstrap-admin");
        assertProblem(http.get("/api/v1/audit/provision-log", token), 401);
        assertProblem(http.post(ACCOUNTS + "/" + id + "/revocation", BOOTSTRAP_ADMIN_TOKEN, ""), 409);
        assertProblem(create(account(id, "AUDITOR", newToken())), 409);
        Map<String, Object> row = jdbc.sql("SELECT revoked_at, revoked_by FROM account WHERE id = ?").param(id).query().singleRow();
        assertThat(row.get("revoked_at")).isNotNull();
        assertThat(row.get("revoked_by")).isEqualTo("bootstrap-admin");
    }

    @Test
    void anUnknownAccountCannotBeRevoked() {
        assertProblem(http.post(ACCOUNTS + "/no-such-account/revocation", BOOTSTRAP_ADMIN_TOKEN, ""), 404);
    }

    @Test
    void theLastActiveAdministratorCannotBeRevoked() {
        RegistryAccount bootstrap = new RegistryAccount("bootstrap-admin", Role.ADMINISTRATOR, null, null);
        transactions.executeWithoutResult(transaction -> {
            transaction.setRollbackOnly(); // other tests go on using the administrators revoked here
            jdbc.sql("UPDATE account SET revoked_at = now() WHERE role = 'ADMINISTRATOR' AND id <> 'bootstrap-admin'").update();

            assertThatThrownBy(() -> controller.revoke("bootstrap-admin", bootstrap))
                    .isInstanceOfSatisfying(ResponseStatusException.class,
                            e -> assertThat(e.getStatusCode().value()).isEqualTo(409));
        });
    }
}
