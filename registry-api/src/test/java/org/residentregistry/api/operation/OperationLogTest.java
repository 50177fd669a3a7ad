package org.residentregistry.api.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.residentregistry.api.support.Notifications.KAWAGUCHI;
import static org.residentregistry.api.support.Notifications.moveIn;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.admin.AdministrationFixture.Operator;
import org.residentregistry.api.provision.ProvisionLog;
import org.residentregistry.api.security.Role;
import org.residentregistry.api.support.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The operation log — 操作履歴: every request of every account, refused ones and failed sign-ins included. */
class OperationLogTest extends ApiIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyRequestIsLoggedWithItsAccountRouteAndOutcomeAndNoPersonalData() {
        Instant start = Instant.now();
        String auditor = administration.account(Role.AUDITOR);
        Operator operator = administration.operator(false, "IDENTITY");
        Map<String, Object> resident = moveIn(KAWAGUCHI);
        String residentCode = (String) resident.get("residentCode");
        Notifications.send(http, administration.municipalServer(KAWAGUCHI), List.of(resident)).expect(200);
        String path = "/api/v1/identity/residents/" + residentCode + "?affair=";
        String provisionId = http.get(path + operator.affair(), operator.token()).expect(200).header(ProvisionLog.HEADER);
        http.get("/api/v1/admin/accounts", operator.token()).expect(403);
        http.get(path + operator.affair(), "not-a-token-of-anyone-0123456789abcdef").expect(401);

        List<JsonNode> operatorRows = await(auditor, "?accountId=" + operator.id(), rows -> rows.size() == 2);
        JsonNode firstPage = http.get("/api/v1/audit/operation-log?size=1&accountId=" + operator.id(), auditor).expect(200).json();
        assertThat(firstPage.get("entries").get(0).get("seq")).isEqualTo(operatorRows.get(0).get("seq"));
        JsonNode afterFirst = http.get("/api/v1/audit/operation-log?size=1&accountId=" + operator.id() + "&after="
                + firstPage.get("next").asLong(), auditor).expect(200).json();
        assertThat(afterFirst.get("entries").get(0).get("seq")).isEqualTo(operatorRows.get(1).get("seq"));
        JsonNode query = operatorRows.get(0);
        assertThat(query.get("role").asText()).isEqualTo("DEPARTMENT_OPERATOR");
        assertThat(query.get("method").asText()).isEqualTo("GET");
        assertThat(query.get("route").asText()).isEqualTo("/api/v1/identity/residents/{residentCode}");
        assertThat(query.get("operation").asText()).isEqualTo("ResidentQueryController.byResidentCode");
        assertThat(query.get("status").asInt()).isEqualTo(200);
        assertThat(query.get("provisionId").asText()).isEqualTo(provisionId);
        JsonNode refused = operatorRows.get(1);
        assertThat(refused.get("route").asText()).isEqualTo("/api/v1/admin/accounts");
        assertThat(refused.get("status").asInt()).isEqualTo(403);
        assertThat(refused.has("provisionId")).isFalse();

        List<JsonNode> administrator = await(auditor, "?accountId=bootstrap-admin&from=" + start + "&size=1000",
                rows -> rows.stream().anyMatch(row -> row.get("route").asText().equals("/api/v1/admin/accounts")));
        assertThat(administrator).allSatisfy(row -> assertThat(row.get("role").asText()).isEqualTo("ADMINISTRATOR"))
                .anySatisfy(row -> {
                    assertThat(row.get("method").asText()).isEqualTo("POST");
                    assertThat(row.get("operation").asText()).startsWith("AccountController.");
                    assertThat(row.get("status").asInt()).isEqualTo(201);
                });
        List<JsonNode> signIns = await(auditor, "?from=" + start + "&size=1000", rows -> rows.stream()
                .anyMatch(row -> row.get("operation").asText().equals("SIGN_IN_FAILED")));
        assertThat(signIns).filteredOn(row -> row.get("operation").asText().equals("SIGN_IN_FAILED"))
                .allSatisfy(row -> {
                    assertThat(row.has("accountId")).isFalse();
                    assertThat(row.get("status").asInt()).isEqualTo(401);
                });

        assertThat(jdbc.queryForList("SELECT o::text FROM operation_log o WHERE at >= ?", String.class,
                java.sql.Timestamp.from(start))).isNotEmpty().noneMatch(row -> row.contains(residentCode));
    }

    @Test
    void badPeriodsAndPagesAreFieldErrors() {
        String auditor = administration.account(Role.AUDITOR);
        JsonNode problem = http.get("/api/v1/audit/operation-log?from=2026-13-01&to=soon&page=-1&after=-1", auditor)
                .expect(400).json();
        assertThat(problem.get("errors")).extracting(error -> error.get("field").asText())
                .containsExactlyInAnyOrder("from", "to", "page", "after");
    }

    /** The rows the log holds once {@code ready} (it is written a moment after each response). */
    private List<JsonNode> await(String auditor, String query, Predicate<List<JsonNode>> ready) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        List<JsonNode> rows = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            rows.clear();
            http.get("/api/v1/audit/operation-log" + query, auditor).expect(200).json().get("entries").forEach(rows::add);
            if (ready.test(rows)) {
                return rows;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the operation log did not hold the expected rows: " + rows);
    }
}
