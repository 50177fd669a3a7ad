package org.residentregistry.api.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.residentregistry.api.support.Notifications.KAWAGUCHI;
import static org.residentregistry.api.support.Notifications.SAITAMA;
import static org.residentregistry.api.support.Notifications.moveIn;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.support.Notifications;
import org.residentregistry.api.admin.AdministrationFixture.Operator;
import org.residentregistry.api.HttpTestClient.Reply;

/** domain.md §4.2: bad input gets a field-level error and changes nothing, for the whole batch. */
class NotificationValidationTest extends ApiIntegrationTest {

    private String kawaguchi;
    private Operator operator;

    @BeforeEach
    void accounts() {
        kawaguchi = administration.municipalServer(KAWAGUCHI);
        operator = administration.operator(false, "IDENTITY");
    }

    /** Sends a good item followed by {@code bad}; expects a 400 naming {@code field} and neither item applied. */
    private JsonNode refused(Map<String, Object> bad, String field, String code) {
        Map<String, Object> good = moveIn(KAWAGUCHI);
        Reply response = Notifications.send(http, kawaguchi, List.of(good, bad));
        assertThat(response.status()).as(String.valueOf(response.json())).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode errors = response.json().get("errors");
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.get("field").asText()).isEqualTo(field);
            assertThat(e.get("code").asText()).isEqualTo(code);
        });
        assertNotInFile(good.get("residentCode"));
        return errors;
    }

    private void assertNotInFile(Object residentCode) {
        assertThat(http.get("/api/v1/identity/residents/" + residentCode + "?affair=" + operator.affair(), operator.token())
                .status()).isEqualTo(404);
    }

    @Test
    void wrongCheckDigitsAreRefusedField() {
        Map<String, Object> bad = moveIn(KAWAGUCHI);
        String code = (String) bad.get("residentCode");
        bad.put("residentCode", code.substring(0, 10) + ((code.charAt(10) - '0' + 1) % 10));
        refused(bad, "notifications[1].residentCode", "CHECK_DIGIT");
        Map<String, Object> number = moveIn(KAWAGUCHI);
        String n = (String) number.get("individualNumber");
        number.put("individualNumber", n.substring(0, 11) + ((n.charAt(11) - '0' + 1) % 10));
        refused(number, "notifications[1].individualNumber", "CHECK_DIGIT");
        Map<String, Object> municipality = moveIn(KAWAGUCHI);
        municipality.put("municipalityCode", "112039");
        refused(municipality, "notifications[1].municipalityCode", "CHECK_DIGIT");
    }

    @Test
    void aMunicipalityOutsideThePrefectureIsRefused() {
        Map<String, Object> bad = moveIn(KAWAGUCHI);
        bad.put("municipalityCode", "131016");
        refused(bad, "notifications[1].municipalityCode", "OUTSIDE_PREFECTURE");
    }

    @Test
    void malformedAndFutureDatesAreRefused() {
        Map<String, Object> bad = moveIn(KAWAGUCHI);
        bad.put("changeDate", "2026-02-30");
        bad.put("birthDate", LocalDate.now().plusDays(2).toString());
        bad.put("notifiedAt", "2026-04-02 09:15");
        JsonNode errors = refused(bad, "notifications[1].changeDate", "FORMAT");
        assertThat(errors).extracting(e -> e.get("field").asText())
                .contains("notifications[1].birthDate", "notifications[1].notifiedAt");
    }

    @Test
    void kanaFieldsMustHoldKanaAndFieldsHaveMaximumLengths() {
        Map<String, Object> bad = moveIn(KAWAGUCHI);
        @SuppressWarnings("unchecked")
        Map<String, Object> name = (Map<String, Object>) bad.get("name");
        name.put("kana", "Yamada Taro");
        @SuppressWarnings("unchecked")
        Map<String, Object> address = (Map<String, Object>) bad.get("address");
        address.put("text", "埼".repeat(201));
        JsonNode errors = refused(bad, "notifications[1].name.kana", "FORMAT");
        assertThat(errors).extracting(e -> e.get("code").asText()).contains("TOO_LONG");
    }

    @Test
    void hiraganaAndHalfWidthKanaAreAccepted() {
        Map<String, Object> item = moveIn(KAWAGUCHI);
        @SuppressWarnings("unchecked")
        Map<String, Object> name = (Map<String, Object>) item.get("name");
        name.put("kana", "やまだ ﾀﾛｳ");
        assertThat(Notifications.send(http, kawaguchi, List.of(item)).status()).isEqualTo(200);
    }

    @Test
    void unknownFieldsAreRefusedWhole() {
        Map<String, Object> bad = moveIn(KAWAGUCHI);
        bad.put("nationality", "JP");
        refused(bad, "notifications[1].nationality", "UNKNOWN_FIELD");
        Map<String, Object> nested = moveIn(KAWAGUCHI);
        @SuppressWarnings("unchecked")
        Map<String, Object> address = (Map<String, Object>) nested.get("address");
        address.put("postalCode", "3320012");
        refused(nested, "notifications[1].address.postalCode", "UNKNOWN_FIELD");
    }

    @Test
    void missingFieldsAndWrongTypesAreNamed() {
        Map<String, Object> bad = moveIn(KAWAGUCHI);
        bad.remove("sex");
        bad.put("updateSequence", "twelve");
        bad.put("gaijiFlag", "no");
        JsonNode errors = refused(bad, "notifications[1].sex", "REQUIRED");
        assertThat(errors).extracting(e -> e.get("field").asText())
                .contains("notifications[1].updateSequence", "notifications[1].gaijiFlag");
    }

    @Test
    void aPreviousResidentCodeIsOnlyForAResidentCodeChange() {
        Map<String, Object> bad = moveIn(KAWAGUCHI);
        bad.put("previousResidentCode", Notifications.newResidentCode());
        refused(bad, "notifications[1].previousResidentCode", "NOT_ALLOWED");
        Map<String, Object> missing = moveIn(KAWAGUCHI);
        missing.put("changeReason", "RESIDENT_CODE_CHANGE");
        refused(missing, "notifications[1].previousResidentCode", "REQUIRED");
    }

    @Test
    void batchesHoldOneToAThousandItems() {
        Reply empty = Notifications.send(http, kawaguchi, List.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("errors").get(0).get("field").asText()).isEqualTo("notifications");
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(moveIn(KAWAGUCHI));
        }
        assertThat(Notifications.send(http, kawaguchi, tooMany).status()).isEqualTo(400);
        assertNotInFile(tooMany.get(0).get("residentCode"));
    }

    @Test
    void malformedJsonIsABadRequestWithoutAStackTrace() {
        Reply response = http.post("/api/v1/identity/notifications", kawaguchi, "{\"notifications\": [");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().toString()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void anItemForAnotherMunicipalityIsForbiddenAndNothingIsApplied() {
        Map<String, Object> own = moveIn(KAWAGUCHI);
        Map<String, Object> foreign = moveIn(SAITAMA);
        Reply response = Notifications.send(http, kawaguchi, List.of(own, foreign));
        assertThat(response.status()).isEqualTo(403);
        assertNotInFile(own.get("residentCode"));
    }

    @Test
    void errorMessagesNeverRepeatTheSubmittedValue() {
        Map<String, Object> bad = moveIn(KAWAGUCHI);
        String code = (String) bad.get("residentCode");
        String broken = code.substring(0, 10) + ((code.charAt(10) - '0' + 1) % 10);
        bad.put("residentCode", broken);
        Reply response = Notifications.send(http, kawaguchi, List.of(bad));
        assertThat(response.json().toString()).doesNotContain(broken);
        response.expect(400);
    }
}
