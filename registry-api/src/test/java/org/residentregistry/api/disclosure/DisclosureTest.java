package org.residentregistry.api.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.residentregistry.api.support.Notifications.KAWAGUCHI;
import static org.residentregistry.api.support.Notifications.address;
import static org.residentregistry.api.support.Notifications.moveIn;
import static org.residentregistry.api.support.Notifications.next;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.HttpTestClient.Reply;
import org.residentregistry.api.admin.AdministrationFixture.Operator;
import org.residentregistry.api.security.Role;
import org.residentregistry.api.support.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Residents' disclosures of their record and of who received it, and the auditors' history of a record. */
class DisclosureTest extends ApiIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    private String kawaguchi;
    private String officer;
    private Map<String, Object> resident;
    private String code;

    @BeforeEach
    void aResidentWhoMovedWithinTheCity() {
        kawaguchi = administration.municipalServer(KAWAGUCHI);
        officer = administration.account(Role.DISCLOSURE_OFFICER);
        resident = moveIn(KAWAGUCHI);
        code = (String) resident.get("residentCode");
        Map<String, Object> move = next(resident, KAWAGUCHI, "MOVE_WITHIN");
        move.put("address", address("埼玉県川口市新井宿１番地"));
        Notifications.send(http, kawaguchi, List.of(resident, move)).expect(200);
    }

    @Test
    void theIdentityDisclosureShowsTheRecordAndItsEarlierVersionsAndIsLogged() {
        Reply reply = http.get("/api/v1/disclosures/identity/" + code, officer).expect(200);
        JsonNode body = reply.json();
        assertThat(body.get("record").get("version").asInt()).isEqualTo(2);
        assertThat(body.get("record").get("address").get("text").asText()).isEqualTo("埼玉県川口市新井宿１番地");
        assertThat(body.get("record").get("individualNumber").asText()).isEqualTo(resident.get("individualNumber"));
        assertThat(body.get("earlierVersions")).hasSize(1);
        assertThat(body.get("earlierVersions").get(0).get("address").get("text").asText())
                .isEqualTo("埼玉県川口市本町一丁目１番１号");
        Map<String, Object> entry = jdbc.queryForMap("SELECT query_kind, outcome, department_id, affair_code,"
                + " array_to_string(resident_codes, ',') AS codes FROM provision_log WHERE id = ?",
                UUID.fromString(reply.header("X-Provision-Id")));
        assertThat(entry).containsEntry("query_kind", "DISCLOSURE_IDENTITY").containsEntry("outcome", "PROVIDED")
                .containsEntry("department_id", null).containsEntry("affair_code", null).containsEntry("codes", code);
    }

    @Test
    void anUnknownResidentIsNotFoundAndABadCodeIsBadInput() {
        Reply missing = http.get("/api/v1/disclosures/identity/" + Notifications.newResidentCode(), officer);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("X-Provision-Id")).isNotNull();
        Reply bad = http.get("/api/v1/disclosures/identity/123", officer);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("residentCode");
        assertThat(http.get("/api/v1/disclosures/provisions/" + code + "?from=yesterday", officer).status())
                .isEqualTo(400);
        assertThat(http.send(http.request("/api/v1/disclosures/identity/" + code, officer)
                .header("Accept", "text/csv").GET()).status()).isEqualTo(406);
        assertThat(http.send(http.request("/api/v1/disclosures/identity/" + Notifications.newResidentCode(), officer)
                .header("Accept", "application/pdf").GET()).status()).isEqualTo(404);
    }

    @Test
    void thePrintableDisclosureIsAJapanesePdfInAnEmbeddedFontThatWrapsAndContinuesOverPagesAndIsLogged()
            throws Exception {
        String longAddress = "埼玉県川口市本町一丁目１番１号" + "川口本町グランドレジデンス南棟".repeat(8) + "１２０１号室";
        List<Map<String, Object>> moves = new ArrayList<>();
        Map<String, Object> previous = resident;
        for (int version = 3; version <= 60; version++) {
            previous = next(previous, KAWAGUCHI, "MOVE_WITHIN");
            previous.put("address", address(version == 60 ? longAddress : "埼玉県川口市新井宿" + version + "番地"));
            moves.add(previous);
        }
        Notifications.send(http, kawaguchi, moves).expect(200);

        HttpResponse<byte[]> reply = HttpClient.newHttpClient().send(http.request("/api/v1/disclosures/identity/" + code,
                officer).header("Accept", "application/pdf").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(reply.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
                assertThat(disposition).startsWith("inline").contains("filename=").endsWith(".pdf\""));
        try (PDDocument pdf = Loader.loadPDF(reply.body())) {
            // 60 versions of 12 items each cannot fit on a few A4 pages; the oldest comes last.
            assertThat(pdf.getNumberOfPages()).isGreaterThan(10);
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("本人確認情報開示書", "住民票コード", code, "山田 太郎", "ヤマダ タロウ", "1980年5月6日",
                    "男", "転居", "転入", "112038 川口市", "現存", "第60版", "埼玉県川口市新井宿3番地");
            assertThat(text.replaceAll("\\R", "")).contains(longAddress);
            PDFTextStripper lastPage = new PDFTextStripper();
            lastPage.setStartPage(pdf.getNumberOfPages());
            assertThat(lastPage.getText(pdf)).contains("第1版", "埼玉県川口市本町一丁目１番１号");
            assertThat(rightmostCharacter(pdf)).isLessThan(PDRectangle.A4.getWidth() - 40);
            for (PDPage page : pdf.getPages()) {
                for (COSName font : page.getResources().getFontNames()) {
                    assertThat(page.getResources().getFont(font).isEmbedded()).isTrue();
                }
                assertThat(page.getResources().getFontNames()).isNotEmpty();
            }
        }
        assertThat(jdbc.queryForObject("SELECT query_kind FROM provision_log WHERE id = ?", String.class,
                UUID.fromString(reply.headers().firstValue("X-Provision-Id").orElseThrow())))
                .isEqualTo("DISCLOSURE_IDENTITY");
    }

    /** Where the text reaches furthest right on any page: a long address must wrap before the page's edge. */
    private static float rightmostCharacter(PDDocument pdf) throws IOException {
        float[] rightmost = {0};
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) {
                positions.forEach(position -> rightmost[0] = Math.max(rightmost[0],
                        position.getXDirAdj() + position.getWidthDirAdj()));
            }
        };
        stripper.getText(pdf);
        return rightmost[0];
    }

    @Test
    void theProvisionDisclosureListsTheDepartmentsThatReceivedTheRecordAndNotDisclosures() {
        Operator taxOffice = administration.operator(false, "IDENTITY");
        Operator otherResident = administration.operator(false, "IDENTITY");
        http.get("/api/v1/identity/residents/" + code + "?affair=" + taxOffice.affair(), taxOffice.token()).expect(200);
        Map<String, Object> someoneElse = moveIn(KAWAGUCHI);
        Notifications.send(http, kawaguchi, List.of(someoneElse)).expect(200);
        http.get("/api/v1/identity/residents/" + someoneElse.get("residentCode") + "?affair=" + otherResident.affair(),
                otherResident.token()).expect(200);
        http.get("/api/v1/identity/residents/" + code + "?affair=" + otherResident.affair(), taxOffice.token())
                .expect(403);
        http.get("/api/v1/disclosures/identity/" + code, officer).expect(200);

        Reply reply = http.get("/api/v1/disclosures/provisions/" + code, officer).expect(200);
        JsonNode entries = reply.json().get("entries");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("recipient").get("id").asText()).isEqualTo(taxOffice.department());
        assertThat(entries.get(0).get("recipient").get("name").asText()).isEqualTo("総務部税務課");
        assertThat(entries.get(0).get("affair").get("code").asText()).isEqualTo(taxOffice.affair());
        assertThat(entries.get(0).get("legalBasis").asText()).isEqualTo("住基法別表第五第十号");
        assertThat(jdbc.queryForObject("SELECT query_kind FROM provision_log WHERE id = ?", String.class,
                UUID.fromString(reply.header("X-Provision-Id")))).isEqualTo("DISCLOSURE_PROVISIONS");

        assertThat(http.get("/api/v1/disclosures/provisions/" + code + "?to=2000-01-01", officer).expect(200).json()
                .get("entries")).isEmpty();
    }

    @Test
    void theAuditHistoryGivesEveryVersionWithItsNotification() {
        String auditor = administration.account(Role.AUDITOR);
        JsonNode versions = http.get("/api/v1/audit/identity/residents/" + code + "/history", auditor).expect(200)
                .json().get("versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("notification").get("municipalityCode").asText()).isEqualTo(KAWAGUCHI);
        assertThat(versions.get(0).get("notification").get("updateSequence").asLong())
                .isEqualTo(((Number) resident.get("updateSequence")).longValue());
        assertThat(versions.get(0).get("changeReason").asText()).isEqualTo("MOVE_IN");
        assertThat(versions.get(1).get("changeReason").asText()).isEqualTo("MOVE_WITHIN");
        assertThat(versions.get(1).get("effect").asText()).isEqualTo("CURRENT_CHANGED");
        assertThat(versions.get(1).get("receivedAt").asText()).isNotBlank();
        assertThat(versions.get(1).get("changeDate").asText()).isEqualTo(resident.get("changeDate"));
        assertThat(http.get("/api/v1/audit/identity/residents/" + Notifications.newResidentCode() + "/history", auditor)
                .status()).isEqualTo(404);
    }

    @Test
    void aCorrectionRequestIsRecordedForInvestigationAndLeavesTheFileAlone() {
        Reply recorded = http.postJson("/api/v1/disclosures/corrections", officer, Map.of("residentCode", code,
                "requestedBy", "本人", "fields", List.of("address.text"), "statement", "住所の番地が違います")).expect(201);
        String id = recorded.json().get("id").asText();
        JsonNode listed = http.get("/api/v1/disclosures/corrections?residentCode=" + code, officer).expect(200).json()
                .get("corrections");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asText()).isEqualTo(id);
        assertThat(listed.get(0).get("fields").get(0).asText()).isEqualTo("address.text");
        assertThat(listed.get(0).get("statement").asText()).isEqualTo("住所の番地が違います");
        assertThat(http.get("/api/v1/disclosures/identity/" + code, officer).expect(200).json().get("record")
                .get("version").asInt()).isEqualTo(2);

        Reply bad = http.postJson("/api/v1/disclosures/corrections", officer, Map.of("residentCode", code,
                "fields", List.of("favouriteColour"), "statement", ""));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").findValuesAsText("field")).contains("fields[0]", "statement");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM correction_request WHERE resident_code = ?", Integer.class,
                code)).isEqualTo(1);
    }
}
