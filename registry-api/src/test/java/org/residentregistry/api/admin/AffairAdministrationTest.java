package org.residentregistry.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.HttpTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.residentregistry.api.problem.ProblemAssertions.assertProblem;
import static org.residentregistry.api.problem.ProblemAssertions.fieldErrors;

class AffairAdministrationTest extends ApiIntegrationTest {

    private static final String AFFAIRS = "/api/v1/admin/affairs";

    private static String affair(String code) {
        return """
                {"code":"%s","name":"高等学校等就学支援金の支給","legalBasis":"住民基本台帳法別表第六第十一号",
                 "kind":"PROVISION","files":["IDENTITY","OVERSEAS"],"individualNumberAllowed":true}""".formatted(code);
    }

    @Test
    void createsAnAffairAndListsIt() {
        String code = AdministrationFixture.newId("affair");

        HttpTestClient.Reply created = http.post(AFFAIRS, BOOTSTRAP_ADMIN_TOKEN, affair(code));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode affair = created.json();
        assertThat(affair.path("code").asText()).isEqualTo(code);
        assertThat(affair.path("name").asText()).isEqualTo("高等学校等就学支援金の支給");
        assertThat(affair.path("legalBasis").asText()).isEqualTo("住民基本台帳法別表第六第十一号");
        assertThat(affair.path("kind").asText()).isEqualTo("PROVISION");
        assertThat(affair.path("files").toString()).isEqualTo("[\"IDENTITY\",\"OVERSEAS\"]");
        assertThat(affair.path("individualNumberAllowed").asBoolean()).isTrue();
        assertThat(affair.path("createdAt").asText()).isNotEmpty();

        HttpTestClient.Reply list = http.get(AFFAIRS, BOOTSTRAP_ADMIN_TOKEN);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("affairs")).contains(affair);
    }

    @Test
    void theSameCodeAgainIsAConflict() {
        String code = AdministrationFixture.newId("affair");
        assertThat(http.post(AFFAIRS, BOOTSTRAP_ADMIN_TOKEN, affair(code)).status()).isEqualTo(201);

        assertProblem(http.post(AFFAIRS, BOOTSTRAP_ADMIN_TOKEN, affair(code)), 409);
    }

    @Test
    void listsEveryMissingField() {
        assertThat(fieldErrors(http.post(AFFAIRS, BOOTSTRAP_ADMIN_TOKEN, "{}"))).containsOnly(
                entry("code", "REQUIRED"), entry("name", "REQUIRED"), entry("legalBasis", "REQUIRED"),
                entry("kind", "REQUIRED"), entry("files", "REQUIRED"), entry("individualNumberAllowed", "REQUIRED"));
    }

    @Test
    void namesEveryBadValueWithoutRepeatingIt() {
        HttpTestClient.Reply reply = http.post(AFFAIRS, BOOTSTRAP_ADMIN_TOKEN, """
                {"code":"has space","name":"%s","legalBasis":" ","kind":"GIFT",
                 "files":["IDENTITY","PASSPORTS","IDENTITY"],"individualNumberAllowed":false}""".formatted("長".repeat(201)));

        assertThat(fieldErrors(reply)).containsOnly(
                entry("code", "FORMAT"), entry("name", "TOO_LONG"), entry("legalBasis", "REQUIRED"),
                entry("kind", "INVALID_VALUE"), entry("files[1]", "INVALID_VALUE"), entry("files[2]", "DUPLICATE"));
        assertThat(reply.body()).doesNotContain("has space", "GIFT", "PASSPORTS", "長長");
    }

    @Test
    void anEmptyListOfFilesIsBadInput() {
        String body = affair(AdministrationFixture.newId("affair")).replace("[\"IDENTITY\",\"OVERSEAS\"]", "[]");

        assertThat(fieldErrors(http.post(AFFAIRS, BOOTSTRAP_ADMIN_TOKEN, body))).containsOnly(entry("files", "REQUIRED"));
    }
}
