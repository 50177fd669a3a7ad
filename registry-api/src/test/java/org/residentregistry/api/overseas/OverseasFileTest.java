package org.residentregistry.api.overseas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.residentregistry.api.support.Notifications.KAWAGOE;
import static org.residentregistry.api.support.Notifications.KAWAGUCHI;
import static org.residentregistry.api.support.Notifications.SAITAMA;
import static org.residentregistry.api.support.Notifications.deepCopy;
import static org.residentregistry.api.support.Notifications.moveIn;
import static org.residentregistry.api.support.Notifications.newResidentCode;
import static org.residentregistry.api.support.Notifications.nextSequence;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.HttpTestClient.Reply;
import org.residentregistry.api.TestClock;
import org.residentregistry.api.admin.AdministrationFixture.Operator;
import org.residentregistry.api.security.Role;
import org.residentregistry.api.support.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The overseas-address file — 附票本人確認情報 — over HTTP: the checks of §2.4, the rules of §2.3, its own read
 * models, and the individual number handed out through the temporary holding area.
 */
public class OverseasFileTest extends ApiIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestClock clock;

    @Autowired
    TemporaryIndividualNumbers holdingArea;

    private String saitama;
    private String kawaguchi;

    @BeforeEach
    void municipalServers() {
        saitama = administration.municipalServer(SAITAMA);
        kawaguchi = administration.municipalServer(KAWAGUCHI);
    }

    @AfterEach
    void timeBack() {
        clock.reset();
    }

    /** A RECORD of a person living abroad, managed by {@code municipality}, complete and valid. */
    public static Map<String, Object> record(String municipality) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("municipalityCode", municipality);
        n.put("updateSequence", nextSequence());
        n.put("residentCode", newResidentCode());
        n.put("previousResidentCode", null);
        n.put("changeKind", "RECORD");
        n.put("changeDate", LocalDate.now(ZoneOffset.ofHours(9)).minusDays(1).toString());
        n.put("notifiedAt", OffsetDateTime.now(ZoneOffset.ofHours(9)).minusHours(1).withNano(0).toString());
        n.put("operatorId", "op-7");
        n.put("terminalId", "t-1");
        n.put("name", new LinkedHashMap<>(Map.of("kanji", "佐藤 花子", "kana", "サトウ ハナコ", "gaijiCount", 0)));
        n.put("birthDate", "1975-03-14");
        n.put("sex", "2");
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("municipalityCode", null);
        address.put("text", "アメリカ合衆国カリフォルニア州");
        address.put("gaijiCount", 0);
        n.put("address", address);
        n.put("lastDomesticAddress", new LinkedHashMap<>(Map.of("text", "埼玉県さいたま市浦和区高砂三丁目１５番１号", "gaijiCount", 0)));
        n.put("gaijiFlag", false);
        n.put("gaijiPattern", null);
        return n;
    }

    public static Map<String, Object> next(Map<String, Object> previous, String municipality, String kind) {
        Map<String, Object> n = deepCopy(previous);
        n.put("municipalityCode", municipality);
        n.put("updateSequence", nextSequence());
        n.put("changeKind", kind);
        return n;
    }

    private Reply send(String token, Map<String, Object>... items) {
        return http.postJson("/api/v1/overseas/notifications", token, Map.of("notifications", List.of(items)));
    }

    private JsonNode result(String token, Map<String, Object> item) {
        return send(token, item).expect(200).json().get("results").get(0);
    }

    private static void rejected(JsonNode result, String reason) {
        assertThat(result.get("status").asText()).isEqualTo("REJECTED");
        assertThat(result.get("reason").asText()).isEqualTo(reason);
    }

    private Reply byCode(Operator operator, Object residentCode, String query) {
        return http.get("/api/v1/overseas/residents/" + residentCode + "?affair=" + operator.affair() + query,
                operator.token());
    }

    @Test
    void aRecordIsQueriedNowAndAsOfAnEarlierInstant() {
        Map<String, Object> recorded = record(SAITAMA);
        assertThat(result(saitama, recorded).get("status").asText()).isEqualTo("APPLIED");
        Instant between = Instant.now();
        Map<String, Object> moved = next(recorded, SAITAMA, "MODIFY");
        ((Map<String, Object>) moved.get("address")).put("text", "フランス共和国パリ市");
        assertThat(result(saitama, moved).get("version").asInt()).isEqualTo(2);

        Operator operator = administration.operator(false, "OVERSEAS");
        JsonNode now = byCode(operator, recorded.get("residentCode"), "").expect(200).json();
        assertThat(now.get("address").get("text").asText()).isEqualTo("フランス共和国パリ市");
        assertThat(now.get("status").asText()).isEqualTo("CURRENT");
        assertThat(now.get("municipalityCode").asText()).isEqualTo(SAITAMA);
        assertThat(now.get("lastDomesticAddress").get("text").asText()).startsWith("埼玉県さいたま市");
        assertThat(now.get("changeKind").asText()).isEqualTo("MODIFY");
        JsonNode then = byCode(operator, recorded.get("residentCode"), "&asOf=" + between)
                .expect(200).json();
        assertThat(then.get("address").get("text").asText()).isEqualTo("アメリカ合衆国カリフォルニア州");
        assertThat(then.get("version").asInt()).isEqualTo(1);
        // The overseas file is apart from the identity file: the code is unknown there.
        Operator identity = administration.operator(false, "IDENTITY");
        assertThat(http.get("/api/v1/identity/residents/" + recorded.get("residentCode") + "?affair=" + identity.affair(),
                identity.token()).status()).isEqualTo(404);
    }

    @Test
    void everyCheckOfTheOverseasFileRejectsAndChangesNothing() {
        Map<String, Object> recorded = record(SAITAMA);
        result(saitama, recorded);
        rejected(result(saitama, next(recorded, SAITAMA, "RECORD")), "ALREADY_CURRENT");
        rejected(result(saitama, next(record(SAITAMA), SAITAMA, "MODIFY")), "UNKNOWN_RESIDENT");
        rejected(result(saitama, next(record(SAITAMA), SAITAMA, "REMOVE")), "UNKNOWN_RESIDENT");
        rejected(result(kawaguchi, next(recorded, KAWAGUCHI, "MODIFY")), "NOT_HOLDER");
        rejected(result(kawaguchi, next(recorded, KAWAGUCHI, "REMOVE")), "NOT_HOLDER");
        Map<String, Object> beforeBirth = next(recorded, SAITAMA, "MODIFY");
        beforeBirth.put("changeDate", "1970-01-01");
        rejected(result(saitama, beforeBirth), "INVALID_CHANGE_DATE");
        Map<String, Object> farAhead = next(recorded, SAITAMA, "MODIFY");
        farAhead.put("changeDate", LocalDate.now(ZoneOffset.ofHours(9)).plusDays(40).toString());
        rejected(result(saitama, farAhead), "INVALID_CHANGE_DATE");

        assertThat(result(saitama, next(recorded, SAITAMA, "REMOVE")).get("version").asInt()).isEqualTo(2);
        rejected(result(saitama, next(recorded, SAITAMA, "REMOVE")), "ALREADY_REMOVED");
        rejected(result(saitama, next(recorded, SAITAMA, "MODIFY")), "NOT_CURRENT");

        Operator operator = administration.operator(false, "OVERSEAS");
        JsonNode now = byCode(operator, recorded.get("residentCode"), "").expect(200).json();
        assertThat(now.get("status").asText()).isEqualTo("REMOVED");
        assertThat(now.get("version").asInt()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM overseas_version WHERE resident_code = ?", Integer.class,
                recorded.get("residentCode"))).isEqualTo(2);
        // A removed record may be recorded again by its managing municipality.
        assertThat(result(saitama, next(recorded, SAITAMA, "RECORD")).get("status").asText()).isEqualTo("APPLIED");
    }

    @Test
    void aRecordFromAnotherMunicipalityTakesTheAnnexOver() {
        Map<String, Object> recorded = record(SAITAMA);
        result(saitama, recorded);
        JsonNode takeOver = result(kawaguchi, next(recorded, KAWAGUCHI, "RECORD"));
        assertThat(takeOver.get("status").asText()).isEqualTo("APPLIED");
        assertThat(takeOver.get("version").asInt()).isEqualTo(2);

        rejected(result(saitama, next(recorded, SAITAMA, "MODIFY")), "NOT_HOLDER");
        rejected(result(saitama, next(recorded, SAITAMA, "REMOVE")), "NOT_HOLDER");
        assertThat(result(kawaguchi, next(recorded, KAWAGUCHI, "MODIFY")).get("status").asText()).isEqualTo("APPLIED");
        Operator operator = administration.operator(false, "OVERSEAS");
        assertThat(byCode(operator, recorded.get("residentCode"), "").expect(200).json().get("municipalityCode").asText())
                .isEqualTo(KAWAGUCHI);
    }

    @Test
    void duplicatesConflictsAndStaleNotificationsFollowTheIdentityFileRules() {
        Map<String, Object> recorded = record(SAITAMA);
        result(saitama, recorded);
        JsonNode again = result(saitama, recorded);
        assertThat(again.get("status").asText()).isEqualTo("DUPLICATE");
        assertThat(again.get("version").asInt()).isEqualTo(1);
        Map<String, Object> otherContent = deepCopy(recorded);
        otherContent.put("operatorId", "op-8");
        rejected(result(saitama, otherContent), "SEQUENCE_CONFLICT");

        Map<String, Object> earlier = next(recorded, SAITAMA, "MODIFY");
        Map<String, Object> later = next(recorded, SAITAMA, "MODIFY");
        assertThat(result(saitama, later).get("status").asText()).isEqualTo("APPLIED");
        rejected(result(saitama, earlier), "OUT_OF_ORDER");
    }

    @Test
    void theOverseasFileNumbersItsNotificationsApartFromTheIdentityFile() {
        Map<String, Object> identity = moveIn(KAWAGUCHI);
        Map<String, Object> overseas = record(KAWAGUCHI);
        overseas.put("updateSequence", identity.get("updateSequence"));
        Notifications.send(http, kawaguchi, List.of(identity)).expect(200);
        assertThat(result(kawaguchi, overseas).get("status").asText()).isEqualTo("APPLIED");

        // One event table, two aggregate types apart: what replay-tools tells the identity file's events by.
        overseas.put("residentCode", identity.get("residentCode"));
        overseas.put("updateSequence", nextSequence());
        result(kawaguchi, overseas);
        assertThat(jdbc.queryForList("SELECT type || ' ' || aggregate_identifier FROM domain_event_entry"
                + " WHERE aggregate_identifier IN (?, ?)", String.class, identity.get("residentCode"),
                "overseas-" + identity.get("residentCode"))).containsExactlyInAnyOrder(
                "ResidentIdentity " + identity.get("residentCode"), "OverseasIdentity overseas-" + identity.get("residentCode"));
    }

    @Test
    void aNotificationWithAnIndividualNumberIsRefusedWholeAndNothingIsApplied() {
        Map<String, Object> valid = record(SAITAMA);
        Map<String, Object> withNumber = record(SAITAMA);
        withNumber.put("individualNumber", Notifications.newIndividualNumber());
        Reply refused = send(saitama, valid, withNumber).expect(400);
        assertThat(refused.json().get("errors").toString())
                .contains("\"field\":\"notifications[1].individualNumber\"").contains("UNKNOWN_FIELD");
        assertThat(refused.body()).doesNotContain((String) withNumber.get("individualNumber"));
        Map<String, Object> nestedUnknown = record(SAITAMA);
        ((Map<String, Object>) nestedUnknown.get("address")).put("oazaCode", "0010");
        send(saitama, nestedUnknown).expect(400);
        Operator operator = administration.operator(false, "OVERSEAS");
        assertThat(byCode(operator, valid.get("residentCode"), "").status()).isEqualTo(404);
    }

    @Test
    void aMunicipalServerNotifiesForItsOwnMunicipalityOnly() {
        send(kawaguchi, record(SAITAMA)).expect(403);
    }

    @Test
    void theOverseasTablesHaveNoIndividualNumberColumn() {
        List<String> columns = jdbc.queryForList("SELECT table_name || '.' || column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name LIKE 'overseas%'", String.class);
        assertThat(columns).contains("overseas_current.resident_code", "overseas_version.address_text",
                "overseas_search.kana_key", "overseas_notification.content_digest");
        assertThat(columns).noneMatch(c -> c.contains("individual") || c.contains("number"));
    }

    /** A person who moved abroad: removed from the identity file (with their number), recorded in the overseas file. */
    private Map<String, Object> personAbroad() {
        Map<String, Object> moved = moveIn(KAWAGUCHI);
        Map<String, Object> movedOut = Notifications.next(moved, KAWAGUCHI, "MOVE_OUT");
        Notifications.send(http, kawaguchi, List.of(moved, movedOut)).expect(200);
        Map<String, Object> abroad = record(KAWAGUCHI);
        abroad.put("residentCode", moved.get("residentCode"));
        abroad.put("name", new LinkedHashMap<>(Map.of("kanji", "山田 太郎", "kana", "ヤマダ タロウ", "gaijiCount", 0)));
        abroad.put("birthDate", moved.get("birthDate"));
        abroad.put("sex", moved.get("sex"));
        result(kawaguchi, abroad);
        abroad.put("individualNumber", moved.get("individualNumber"));
        return abroad;
    }

    private Map<String, Object> logEntry(String provisionId) {
        return jdbc.queryForMap("SELECT outcome, refusal_reason, individual_number_included, query_kind"
                + " FROM provision_log WHERE id = ?::uuid", provisionId);
    }

    @Test
    void theIndividualNumberComesFromTheIdentityFileOnlyWhenAskedAndAllowed() {
        Map<String, Object> abroad = personAbroad();
        Operator allowed = administration.operator(true, "OVERSEAS");
        Reply with = byCode(allowed, abroad.get("residentCode"), "&includeIndividualNumber=true").expect(200);
        assertThat(with.json().get("individualNumber").asText()).isEqualTo(abroad.get("individualNumber"));
        assertThat(logEntry(with.header("X-Provision-Id"))).containsEntry("outcome", "PROVIDED")
                .containsEntry("individual_number_included", true);
        assertThat(jdbc.queryForObject("SELECT answer FROM temporary_individual_number WHERE provision_id = ?::uuid",
                String.class, with.header("X-Provision-Id"))).contains((String) abroad.get("individualNumber"));

        Reply without = byCode(allowed, abroad.get("residentCode"), "").expect(200);
        assertThat(without.json().has("individualNumber")).isFalse();
        assertThat(logEntry(without.header("X-Provision-Id"))).containsEntry("individual_number_included", false);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM temporary_individual_number WHERE provision_id = ?::uuid",
                Integer.class, without.header("X-Provision-Id"))).isZero();
    }

    @Test
    void theIndividualNumberIsRefusedToAnAffairThatDoesNotAllowItOrIsNotAuthorised() {
        Map<String, Object> abroad = personAbroad();
        Operator notAllowed = administration.operator(false, "OVERSEAS");
        Reply refused = byCode(notAllowed, abroad.get("residentCode"), "&includeIndividualNumber=true").expect(403);
        assertThat(refused.json().get("reason").asText()).isEqualTo("INDIVIDUAL_NUMBER_NOT_ALLOWED");
        assertThat(refused.body()).doesNotContain((String) abroad.get("individualNumber"));
        assertThat(logEntry(refused.header("X-Provision-Id"))).containsEntry("outcome", "REFUSED")
                .containsEntry("refusal_reason", "INDIVIDUAL_NUMBER_NOT_ALLOWED");

        Operator other = administration.operator(true, "OVERSEAS");
        Reply notAuthorised = http.get("/api/v1/overseas/residents/" + abroad.get("residentCode") + "?affair="
                + other.affair() + "&includeIndividualNumber=true", notAllowed.token()).expect(403);
        assertThat(notAuthorised.json().get("reason").asText()).isEqualTo("AFFAIR_NOT_AUTHORISED");
        assertThat(logEntry(notAuthorised.header("X-Provision-Id"))).containsEntry("outcome", "REFUSED");

        Operator identityOnly = administration.operator(true, "IDENTITY");
        assertThat(byCode(identityOnly, abroad.get("residentCode"), "&includeIndividualNumber=true").expect(403)
                .json().get("reason").asText()).isEqualTo("FILE_NOT_COVERED");
    }

    @Test
    void aProvisionIsDeliveredAgainWithinThePeriodToItsDepartmentOnlyThenGone() {
        Map<String, Object> abroad = personAbroad();
        Operator allowed = administration.operator(true, "OVERSEAS");
        Reply first = byCode(allowed, abroad.get("residentCode"), "&includeIndividualNumber=true").expect(200);
        String provision = "/api/v1/overseas/provisions/" + first.header("X-Provision-Id");

        clock.advance(Duration.ofDays(29));
        Reply again = http.get(provision, allowed.token()).expect(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("X-Provision-Id")).isNotEqualTo(first.header("X-Provision-Id"));
        assertThat(logEntry(again.header("X-Provision-Id"))).containsEntry("query_kind", "REDELIVERY")
                .containsEntry("individual_number_included", true);
        Operator otherDepartment = administration.operator(true, "OVERSEAS");
        assertThat(http.get(provision, otherDepartment.token()).expect(403).json().get("reason").asText())
                .isEqualTo("NOT_RECIPIENT");

        clock.advance(Duration.ofDays(2));
        assertThat(http.get(provision, allowed.token()).status()).isEqualTo(410);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM temporary_individual_number WHERE provision_id = ?::uuid"
                + " AND (answer IS NOT NULL OR resident_codes IS NOT NULL)", Integer.class, first.header("X-Provision-Id")))
                .isZero();
        assertThat(http.get("/api/v1/overseas/provisions/" + java.util.UUID.randomUUID(), allowed.token()).status())
                .isEqualTo(404);
    }

    @Test
    void theScheduledPurgeEmptiesTheHoldingAreaAfterThePeriod() {
        Map<String, Object> abroad = personAbroad();
        Operator allowed = administration.operator(true, "OVERSEAS");
        byCode(allowed, abroad.get("residentCode"), "&includeIndividualNumber=true").expect(200);
        String held = "SELECT count(*) FROM temporary_individual_number WHERE answer LIKE ?";
        String number = "%" + abroad.get("individualNumber") + "%";

        holdingArea.purge();
        assertThat(jdbc.queryForObject(held, Integer.class, number)).isEqualTo(1);
        clock.advance(Duration.ofDays(30).plusMinutes(1));
        assertThat(holdingArea.purge()).isPositive();
        assertThat(jdbc.queryForObject(held, Integer.class, number)).isZero();
    }

    @Test
    void theFourFieldSearchFindsOverseasRecordsWithTheIdentitySearchRules() {
        Map<String, Object> abroad = personAbroad();
        Operator allowed = administration.operator(true, "OVERSEAS");
        Map<String, Object> criteria = Map.of("affair", allowed.affair(), "name", Map.of("kana", "やまた たろう"),
                "birthDate", abroad.get("birthDate"), "address", Map.of("text", "アメリカ合衆国"));
        Reply found = http.postJson("/api/v1/overseas/search?includeIndividualNumber=true", allowed.token(), criteria)
                .expect(200);
        JsonNode results = found.json().get("results");
        assertThat(results).anySatisfy(r -> {
            assertThat(r.get("residentCode").asText()).isEqualTo(abroad.get("residentCode"));
            assertThat(r.get("individualNumber").asText()).isEqualTo(abroad.get("individualNumber"));
            assertThat(r.get("match").asText()).isEqualTo("SEION");
        });
        assertThat(logEntry(found.header("X-Provision-Id"))).containsEntry("query_kind", "FOUR_FIELDS")
                .containsEntry("individual_number_included", true);
        Reply tooBroad = http.postJson("/api/v1/overseas/search", allowed.token(),
                Map.of("affair", allowed.affair(), "sex", "1")).expect(400);
        assertThat(tooBroad.body()).contains("TOO_BROAD");
    }

    @Test
    void badQueryParametersAreFieldErrorsNamingTheParameter() {
        Operator operator = administration.operator(true, "OVERSEAS");
        Reply badFlag = byCode(operator, Notifications.newResidentCode(), "&includeIndividualNumber=maybe").expect(400);
        assertThat(badFlag.body()).contains("includeIndividualNumber");
        assertThat(byCode(operator, "12345678901", "").expect(400).body()).contains("residentCode");
        assertThat(http.get("/api/v1/overseas/provisions/not-a-uuid", operator.token()).expect(400).body())
                .contains("provisionId");
    }

    @Test
    void appliedOverseasNotificationsAreCountedUnderTheirFile() {
        result(saitama, record(SAITAMA));
        String metrics = http.get("/actuator/prometheus", administration.account(Role.OPERATIONS)).expect(200).body();
        assertThat(metrics).containsPattern(
                "registry_notifications_total\\{[^}]*file=\"overseas\"[^}]*status=\"APPLIED\"[^}]*} [1-9]");
    }
}
