package org.residentregistry.api.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.residentregistry.api.support.Notifications.KAWAGUCHI;
import static org.residentregistry.api.support.Notifications.address;
import static org.residentregistry.api.support.Notifications.moveIn;
import static org.residentregistry.api.support.Notifications.next;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.RegistryIntegrationTest;
import org.residentregistry.api.support.RegistryClient;
import org.residentregistry.api.support.RegistryClient.Operator;
import org.residentregistry.api.support.RegistryClient.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Queries by resident code (now and as of a past instant) and by individual number, under the provision rules. */
class ResidentQueryTest extends RegistryIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    private String kawaguchi;
    private Map<String, Object> resident;

    @BeforeEach
    void aResident() {
        kawaguchi = registry.municipalServer(KAWAGUCHI);
        resident = moveIn(KAWAGUCHI);
        RegistryClient.expect(registry.notify(kawaguchi, List.of(resident)), 200);
    }

    private Response byCode(Operator operator, String query) {
        return registry.get(operator.token(), "/api/v1/identity/residents/" + resident.get("residentCode") + query);
    }

    @Test
    void theIndividualNumberIsHandedOutOnlyWhereTheAffairAllowsIt() {
        Operator allowed = registry.operator(true, "IDENTITY");
        Operator notAllowed = registry.operator(false, "IDENTITY");
        JsonNode with = RegistryClient.expect(byCode(allowed, "?affair=" + allowed.affair()), 200).body();
        assertThat(with.get("individualNumber").asText()).isEqualTo(resident.get("individualNumber"));
        JsonNode without = RegistryClient.expect(byCode(notAllowed, "?affair=" + notAllowed.affair()), 200).body();
        assertThat(without.has("individualNumber")).isFalse();
        assertThat(without.get("name").get("kana").asText()).isEqualTo("ヤマダ タロウ");
        assertThat(without.get("changeReason").asText()).isEqualTo("MOVE_IN");
    }

    @Test
    void everyAnswerCarriesItsProvisionLogEntryWrittenBeforeTheResponse() {
        Operator operator = registry.operator(true, "IDENTITY");
        Response response = RegistryClient.expect(byCode(operator, "?affair=" + operator.affair()), 200);
        UUID id = UUID.fromString(response.header("X-Provision-Id"));
        Map<String, Object> entry = jdbc.queryForMap("SELECT operator_id, department_id, affair_code, legal_basis, outcome,"
                + " query_kind, array_to_string(resident_codes, ',') AS codes, individual_number_included"
                + " FROM provision_log WHERE id = ?", id);
        assertThat(entry).containsEntry("operator_id", operator.id()).containsEntry("department_id", operator.department())
                .containsEntry("affair_code", operator.affair()).containsEntry("outcome", "PROVIDED")
                .containsEntry("query_kind", "RESIDENT_CODE").containsEntry("codes", resident.get("residentCode"))
                .containsEntry("individual_number_included", true).containsEntry("legal_basis", "住基法別表第五第十号");
        Response missing = registry.get(operator.token(), "/api/v1/identity/residents/"
                + org.residentregistry.api.support.Notifications.newResidentCode() + "?affair=" + operator.affair());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT cardinality(resident_codes) FROM provision_log WHERE id = ?", Integer.class,
                UUID.fromString(missing.header("X-Provision-Id")))).isZero();
    }

    @Test
    void aQueryForAnAffairTheDepartmentLacksOrThatDoesNotCoverTheFileIsRefusedAndLogged() {
        Operator operator = registry.operator(true, "IDENTITY");
        Operator other = registry.operator(true, "IDENTITY");
        Response refused = byCode(operator, "?affair=" + other.affair());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().get("reason").asText()).isEqualTo("AFFAIR_NOT_AUTHORISED");
        assertThat(refused.body().has("residentCode")).isFalse();
        String outcome = jdbc.queryForObject("SELECT outcome || ':' || refusal_reason FROM provision_log WHERE id = ?",
                String.class, UUID.fromString(refused.header("X-Provision-Id")));
        assertThat(outcome).isEqualTo("REFUSED:AFFAIR_NOT_AUTHORISED");

        Operator overseasOnly = registry.operator(true, "OVERSEAS");
        Response notCovered = byCode(overseasOnly, "?affair=" + overseasOnly.affair());
        assertThat(notCovered.status()).isEqualTo(403);
        assertThat(notCovered.body().get("reason").asText()).isEqualTo("FILE_NOT_COVERED");
        assertThat(notCovered.header("X-Provision-Id")).isNotNull();
    }

    @Test
    void aQueryWithoutAnAffairIsBadInput() {
        Operator operator = registry.operator(true, "IDENTITY");
        Response response = byCode(operator, "");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errors").get(0).get("field").asText()).isEqualTo("affair");
        assertThat(registry.get(operator.token(), "/api/v1/identity/residents/123?affair=" + operator.affair()).status())
                .isEqualTo(400);
    }

    @Test
    void asOfAnswersTheRecordAsTheFileHeldItThen() throws InterruptedException {
        Operator operator = registry.operator(false, "IDENTITY");
        Instant afterFirst = Instant.now();
        Thread.sleep(20);
        Map<String, Object> move = next(resident, KAWAGUCHI, "MOVE_WITHIN");
        move.put("address", address("埼玉県川口市新井宿１番地"));
        RegistryClient.expect(registry.notify(kawaguchi, List.of(move)), 200);
        Instant afterSecond = Instant.now();

        JsonNode then = RegistryClient.expect(byCode(operator, "?affair=" + operator.affair() + "&asOf=" + afterFirst), 200).body();
        assertThat(then.get("version").asInt()).isEqualTo(1);
        assertThat(then.get("address").get("text").asText()).isEqualTo("埼玉県川口市本町一丁目１番１号");
        JsonNode now = RegistryClient.expect(byCode(operator, "?affair=" + operator.affair() + "&asOf=" + afterSecond), 200).body();
        assertThat(now.get("version").asInt()).isEqualTo(2);
        assertThat(byCode(operator, "?affair=" + operator.affair() + "&asOf=2000-01-01").status()).isEqualTo(404);
        JsonNode today = RegistryClient.expect(byCode(operator, "?affair=" + operator.affair() + "&asOf="
                + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"))), 200).body();
        assertThat(today.get("version").asInt()).isEqualTo(2);
        assertThat(byCode(operator, "?affair=" + operator.affair() + "&asOf=yesterday").status()).isEqualTo(400);
    }

    @Test
    void aQueryByIndividualNumberFindsTheResidentAndAnUnknownNumberIsNotFound() {
        Operator operator = registry.operator(true, "IDENTITY");
        JsonNode found = RegistryClient.expect(registry.get(operator.token(), "/api/v1/identity/residents?individualNumber="
                + resident.get("individualNumber") + "&affair=" + operator.affair()), 200).body();
        assertThat(found.get("residentCode").asText()).isEqualTo(resident.get("residentCode"));
        Response unknown = registry.get(operator.token(), "/api/v1/identity/residents?individualNumber="
                + org.residentregistry.api.support.Notifications.newIndividualNumber() + "&affair=" + operator.affair());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("X-Provision-Id")).isNotNull();
    }
}
