package org.residentregistry.api.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.residentregistry.api.support.Notifications.KAWAGUCHI;
import static org.residentregistry.api.support.Notifications.address;
import static org.residentregistry.api.support.Notifications.moveIn;
import static org.residentregistry.api.support.Notifications.next;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.support.Notifications;
import org.residentregistry.api.admin.AdministrationFixture.Operator;
import org.residentregistry.api.HttpTestClient.Reply;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Queries by resident code (now and as of a past instant) and by individual number, under the provision rules. */
class ResidentQueryTest extends ApiIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    private String kawaguchi;
    private Map<String, Object> resident;

    @BeforeEach
    void aResident() {
        kawaguchi = administration.municipalServer(KAWAGUCHI);
        resident = moveIn(KAWAGUCHI);
        Notifications.send(http, kawaguchi, List.of(resident)).expect(200);
    }

    private Reply byCode(Operator operator, String query) {
        return http.get("/api/v1/identity/residents/" + resident.get("residentCode") + query, operator.token());
    }

    /**
     * The read models are written from arrays of column values (ArrayRows): quotes, backslashes, braces, commas and
     * NULL-looking text in one batch's records, an absent former surname beside a present one, come back as sent.
     */
    @Test
    void recordsOfOneBatchComeBackAsSentWhateverTheirTextHolds() {
        Map<String, Object> quoted = moveIn(KAWAGUCHI);
        quoted.put("operatorId", "op-\"1\",{2}\\N");
        quoted.put("name", Notifications.name("\"山田\" {太郎},\\", "ヤマダ タロウ"));
        quoted.put("formerSurname", Notifications.name("NULL", "スズキ"));
        quoted.put("address", address("埼玉県川口市本町一丁目１番１号 {\"A\",B} \\ NULL"));
        Map<String, Object> plain = moveIn(KAWAGUCHI);
        Notifications.send(http, kawaguchi, List.of(quoted, plain)).expect(200);

        Operator operator = administration.operator(true, "IDENTITY");
        JsonNode record = http.get("/api/v1/identity/residents/" + quoted.get("residentCode") + "?affair=" + operator.affair(),
                operator.token()).expect(200).json();
        assertThat(record.get("name").get("kanji").asText()).isEqualTo("\"山田\" {太郎},\\");
        assertThat(record.get("formerSurname").get("kanji").asText()).isEqualTo("NULL");
        assertThat(record.get("address").get("text").asText()).isEqualTo("埼玉県川口市本町一丁目１番１号 {\"A\",B} \\ NULL");
        assertThat(jdbc.queryForObject("SELECT operator_id FROM identity_version WHERE resident_code = ?", String.class,
                quoted.get("residentCode"))).isEqualTo("op-\"1\",{2}\\N");
        JsonNode other = http.get("/api/v1/identity/residents/" + plain.get("residentCode") + "?affair=" + operator.affair(),
                operator.token()).expect(200).json();
        assertThat(other.get("formerSurname").isNull()).isTrue();
        assertThat(other.get("individualNumber").asText()).isEqualTo(plain.get("individualNumber"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM identity_search WHERE resident_code = ?", Integer.class,
                quoted.get("residentCode"))).isEqualTo(2);
    }

    @Test
    void theIndividualNumberIsHandedOutOnlyWhereTheAffairAllowsIt() {
        Operator allowed = administration.operator(true, "IDENTITY");
        Operator notAllowed = administration.operator(false, "IDENTITY");
        JsonNode with = byCode(allowed, "?affair=" + allowed.affair()).expect(200).json();
        assertThat(with.get("individualNumber").asText()).isEqualTo(resident.get("individualNumber"));
        JsonNode without = byCode(notAllowed, "?affair=" + notAllowed.affair()).expect(200).json();
        assertThat(without.has("individualNumber")).isFalse();
        assertThat(without.get("name").get("kana").asText()).isEqualTo("ヤマダ タロウ");
        assertThat(without.get("changeReason").asText()).isEqualTo("MOVE_IN");
    }

    @Test
    void everyAnswerCarriesItsProvisionLogEntryWrittenBeforeTheResponse() {
        Operator operator = administration.operator(true, "IDENTITY");
        Reply response = byCode(operator, "?affair=" + operator.affair()).expect(200);
        UUID id = UUID.fromString(response.header("X-Provision-Id"));
        Map<String, Object> entry = jdbc.queryForMap("SELECT operator_id, department_id, affair_code, legal_basis, outcome,"
                + " query_kind, array_to_string(resident_codes, ',') AS codes, individual_number_included"
                + " FROM provision_log WHERE id = ?", id);
        assertThat(entry).containsEntry("operator_id", operator.id()).containsEntry("department_id", operator.department())
                .containsEntry("affair_code", operator.affair()).containsEntry("outcome", "PROVIDED")
                .containsEntry("query_kind", "RESIDENT_CODE").containsEntry("codes", resident.get("residentCode"))
                .containsEntry("individual_number_included", true).containsEntry("legal_basis", "住基法別表第五第十号");
        Reply missing = http.get("/api/v1/identity/residents/"
                + Notifications.newResidentCode() + "?affair=" + operator.affair(), operator.token());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT cardinality(resident_codes) FROM provision_log WHERE id = ?", Integer.class,
                UUID.fromString(missing.header("X-Provision-Id")))).isZero();
    }

    /** The answer goes out in one piece with its length, not chunked (StrictJsonConfiguration). */
    @Test
    void anAnswerIsSentWithItsLength() {
        Operator operator = administration.operator(true, "IDENTITY");
        Reply response = byCode(operator, "?affair=" + operator.affair()).expect(200);
        assertThat(response.header("Content-Length"))
                .isEqualTo(String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length));
        assertThat(response.header("Transfer-Encoding")).isNull();
        assertThat(response.json().get("residentCode").asText()).isEqualTo(resident.get("residentCode"));
    }

    @Test
    void aQueryForAnAffairTheDepartmentLacksOrThatDoesNotCoverTheFileIsRefusedAndLogged() {
        Operator operator = administration.operator(true, "IDENTITY");
        Operator other = administration.operator(true, "IDENTITY");
        Reply refused = byCode(operator, "?affair=" + other.affair());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("reason").asText()).isEqualTo("AFFAIR_NOT_AUTHORISED");
        assertThat(refused.json().has("residentCode")).isFalse();
        String outcome = jdbc.queryForObject("SELECT outcome || ':' || refusal_reason FROM provision_log WHERE id = ?",
                String.class, UUID.fromString(refused.header("X-Provision-Id")));
        assertThat(outcome).isEqualTo("REFUSED:AFFAIR_NOT_AUTHORISED");
        // The affair and the record are read together: a refusal still comes first, whether or not the resident exists.
        Reply unknownResident = http.get("/api/v1/identity/residents/" + Notifications.newResidentCode() + "?affair="
                + other.affair(), operator.token());
        assertThat(unknownResident.status()).isEqualTo(403);
        assertThat(unknownResident.json().get("reason").asText()).isEqualTo("AFFAIR_NOT_AUTHORISED");

        Operator overseasOnly = administration.operator(true, "OVERSEAS");
        Reply notCovered = byCode(overseasOnly, "?affair=" + overseasOnly.affair());
        assertThat(notCovered.status()).isEqualTo(403);
        assertThat(notCovered.json().get("reason").asText()).isEqualTo("FILE_NOT_COVERED");
        assertThat(notCovered.header("X-Provision-Id")).isNotNull();
    }

    @Test
    void aQueryWithoutAnAffairIsBadInput() {
        Operator operator = administration.operator(true, "IDENTITY");
        Reply response = byCode(operator, "");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("affair");
        assertThat(http.get("/api/v1/identity/residents/123?affair=" + operator.affair(), operator.token()).status())
                .isEqualTo(400);
    }

    @Test
    void asOfAnswersTheRecordAsTheFileHeldItThen() throws InterruptedException {
        Operator operator = administration.operator(false, "IDENTITY");
        Instant afterFirst = Instant.now();
        Thread.sleep(20);
        Map<String, Object> move = next(resident, KAWAGUCHI, "MOVE_WITHIN");
        move.put("address", address("埼玉県川口市新井宿１番地"));
        Notifications.send(http, kawaguchi, List.of(move)).expect(200);
        Instant afterSecond = Instant.now();

        JsonNode then = byCode(operator, "?affair=" + operator.affair() + "&asOf=" + afterFirst).expect(200).json();
        assertThat(then.get("version").asInt()).isEqualTo(1);
        assertThat(then.get("address").get("text").asText()).isEqualTo("埼玉県川口市本町一丁目１番１号");
        JsonNode now = byCode(operator, "?affair=" + operator.affair() + "&asOf=" + afterSecond).expect(200).json();
        assertThat(now.get("version").asInt()).isEqualTo(2);
        assertThat(byCode(operator, "?affair=" + operator.affair() + "&asOf=2000-01-01").status()).isEqualTo(404);
        JsonNode today = byCode(operator, "?affair=" + operator.affair() + "&asOf="
                + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"))).expect(200).json();
        assertThat(today.get("version").asInt()).isEqualTo(2);
        assertThat(byCode(operator, "?affair=" + operator.affair() + "&asOf=yesterday").status()).isEqualTo(400);
    }

    @Test
    void aQueryByIndividualNumberFindsTheResidentAndAnUnknownNumberIsNotFound() {
        Operator operator = administration.operator(true, "IDENTITY");
        JsonNode found = http.get("/api/v1/identity/residents?individualNumber="
                + resident.get("individualNumber") + "&affair=" + operator.affair(), operator.token()).expect(200).json();
        assertThat(found.get("residentCode").asText()).isEqualTo(resident.get("residentCode"));
        Reply unknown = http.get("/api/v1/identity/residents?individualNumber="
                + Notifications.newIndividualNumber() + "&affair=" + operator.affair(), operator.token());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("X-Provision-Id")).isNotNull();
    }
}
