package org.residentregistry.api.admin;

import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.HttpTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.residentregistry.api.problem.ProblemAssertions.assertProblem;
import static org.residentregistry.api.problem.ProblemAssertions.fieldErrors;

class DepartmentAdministrationTest extends ApiIntegrationTest {

    private static final String DEPARTMENTS = "/api/v1/admin/departments";

    private static String department(String id, String kind, String... affairs) {
        return """
                {"id":"%s","name":"埼玉県教育委員会","kind":"%s","affairs":[%s]}"""
                .formatted(id, kind, String.join(",", Arrays.stream(affairs).map(HttpTestClient::quoted).toList()));
    }

    @Test
    void createsADepartmentWithItsAffairsAndListsIt() {
        String first = administration.affair();
        String second = administration.affair();
        String id = AdministrationFixture.newId("board-of-education");

        HttpTestClient.Reply created = http.post(DEPARTMENTS, BOOTSTRAP_ADMIN_TOKEN, department(id, "EXECUTIVE_AGENCY", first, second));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode department = created.json();
        assertThat(department.path("id").asText()).isEqualTo(id);
        assertThat(department.path("kind").asText()).isEqualTo("EXECUTIVE_AGENCY");
        assertThat(department.path("affairs")).extracting(JsonNode::asText).containsExactly(first, second);

        JsonNode listed = null;
        for (JsonNode each : http.get(DEPARTMENTS, BOOTSTRAP_ADMIN_TOKEN).json().path("departments")) {
            if (each.path("id").asText().equals(id)) {
                listed = each;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.path("affairs")).extracting(JsonNode::asText).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void anExistingIdIsAConflict() {
        String affair = administration.affair();
        String id = AdministrationFixture.newId("dept");
        assertThat(http.post(DEPARTMENTS, BOOTSTRAP_ADMIN_TOKEN, department(id, "DEPARTMENT", affair)).status()).isEqualTo(201);

        assertProblem(http.post(DEPARTMENTS, BOOTSTRAP_ADMIN_TOKEN, department(id, "DEPARTMENT", affair)), 409);
    }

    @Test
    void namesTheUnknownAffairByItsPlaceInTheList() {
        String known = administration.affair();
        String id = AdministrationFixture.newId("dept");

        HttpTestClient.Reply reply = http.post(DEPARTMENTS, BOOTSTRAP_ADMIN_TOKEN,
                department(id, "BUREAU", known, "no-such-affair", known, "bad code"));

        assertThat(fieldErrors(reply)).containsOnly(entry("kind", "INVALID_VALUE"), entry("affairs[1]", "UNKNOWN"),
                entry("affairs[2]", "DUPLICATE"), entry("affairs[3]", "FORMAT"));
        assertThat(reply.body()).doesNotContain("no-such-affair", "BUREAU");
        // Nothing was created.
        assertThat(http.get(DEPARTMENTS, BOOTSTRAP_ADMIN_TOKEN).body()).doesNotContain(id);
    }

    @Test
    void aDepartmentNeedsAnAffair() {
        assertThat(fieldErrors(http.post(DEPARTMENTS, BOOTSTRAP_ADMIN_TOKEN,
                department(AdministrationFixture.newId("dept"), "DEPARTMENT")))).containsOnly(entry("affairs", "REQUIRED"));
    }
}
