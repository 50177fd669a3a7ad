package org.residentregistry.api.reconciliation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.HttpTestClient.Reply;
import org.residentregistry.api.security.Role;
import org.residentregistry.api.support.Notifications;
import org.residentregistry.api.support.OverseasNotifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.residentregistry.api.problem.ProblemAssertions.fieldErrors;

/**
 * A municipal server's extract compared with the identity file, through the API. Each test reconciles a
 * municipality no other test notifies for, so that the registry's side is the test's own.
 */
class ReconciliationTest extends ApiIntegrationTest {

    private static final String IDENTITY = "/api/v1/identity/reconciliations";
    private static final String OVERSEAS = "/api/v1/overseas/reconciliations";
    private static final List<String> OVERSEAS_COLUMNS = List.of("residentCode", "kanjiName", "kanaName", "birthDate",
            "sex", "addressMunicipalityCode", "address", "lastDomesticAddress");
    private static final String HEADER = "residentCode,kanjiName,kanaName,birthDate,sex,address,oazaCode,individualNumber\n";

    @Autowired
    private DataSource dataSource;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void reportsEveryKindOfDiscrepancyAndBadRowsToTheServerAdministratorsAndAuditors() {
        String yoshimi = "113476";
        String hatoyama = "113484";
        String cs = administration.municipalServer(yoshimi);
        Map<String, Object> same = applied(cs, Notifications.moveIn(yoshimi));
        Map<String, Object> differing = applied(cs, Notifications.moveIn(yoshimi));
        Map<String, Object> onlyInRegistry = applied(cs, Notifications.moveIn(yoshimi));
        Map<String, Object> badRowResident = applied(cs, Notifications.moveIn(yoshimi));
        Map<String, Object> movedAway = applied(administration.municipalServer(hatoyama), Notifications.moveIn(hatoyama));
        Map<String, Object> onlyInMunicipality = Notifications.moveIn(yoshimi);

        // Surrounding spaces, half-width digits and a full-width space in the name are no difference.
        List<String> sameRow = row(same);
        sameRow.set(1, " 山田　太郎 ");
        sameRow.set(5, "埼玉県川口市本町一丁目1番1号");
        List<String> differingRow = row(differing);
        differingRow.set(2, "やまだ たろう");
        differingRow.set(5, "埼玉県川口市本町二丁目１番１号");
        List<String> badRow = row(badRowResident);
        badRow.set(3, "1980-02-30");
        String extract = HEADER + csv(sameRow) + csv(differingRow) + csv(badRow) + csv(row(movedAway))
                + csv(row(onlyInMunicipality)) + csv(sameRow) + "12345678901,only,three\n";

        String id = reconcile(IDENTITY, cs, extract.getBytes(StandardCharsets.UTF_8), null);
        JsonNode summary = completed(IDENTITY, cs, id);

        assertThat(summary.get("records").asLong()).isEqualTo(7);
        assertThat(summary.get("matched").asLong()).isEqualTo(1);
        assertThat(summary.get("differing").asLong()).isEqualTo(1);
        assertThat(summary.get("onlyInMunicipality").asLong()).isEqualTo(1);
        assertThat(summary.get("onlyInRegistry").asLong()).isEqualTo(1);
        assertThat(summary.get("heldByAnotherMunicipality").asLong()).isEqualTo(1);
        assertThat(summary.get("badRows").asLong()).isEqualTo(3);
        assertThat(discrepancies(cs, "/api/v1/identity/reconciliations/" + id)).containsOnly(
                Map.entry(code(differing), "DIFFERING [kanaName, address]"),
                Map.entry(code(onlyInRegistry), "ONLY_IN_REGISTRY"),
                Map.entry(code(movedAway), "HELD_BY_ANOTHER_MUNICIPALITY"),
                Map.entry(code(onlyInMunicipality), "ONLY_IN_MUNICIPALITY"));
        JsonNode badRows = http.get("/api/v1/identity/reconciliations/" + id + "/bad-rows", cs).expect(200).json();
        assertThat(badRows.get("items").toString()).isEqualTo("""
                [{"line":4,"field":"birthDate","reason":"FORMAT"},\
                {"line":7,"field":"residentCode","reason":"DUPLICATE"},\
                {"line":8,"field":"","reason":"FIELD_COUNT"}]""");

        String admin = administration.account(Role.ADMINISTRATOR);
        String auditor = administration.account(Role.AUDITOR);
        assertThat(http.get("/api/v1/admin/reconciliations/" + id, admin).expect(200).json().get("differing").asLong()).isEqualTo(1);
        assertThat(discrepancies(auditor, "/api/v1/audit/reconciliations/" + id)).hasSize(4);
        assertThat(http.get("/api/v1/identity/reconciliations/" + id, administration.municipalServer(hatoyama)).status())
                .as("another municipality's server does not see the report").isEqualTo(404);
        assertThat(http.get("/api/v1/identity/reconciliations/" + id, admin).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/identity/reconciliations/" + id + "/discrepancies?kind=ONLY_IN_REGISTRY", cs)
                .expect(200).json().get("total").asLong()).isEqualTo(1);

        String operations = administration.account(Role.OPERATIONS);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(http.get("/actuator/prometheus", operations)
                .expect(200).body()).contains(
                "registry_reconciliation_discrepancies{file=\"identity\",kind=\"DIFFERING\",municipality=\"113476\"} 1.0",
                "registry_reconciliation_discrepancies{file=\"identity\",kind=\"ONLY_IN_REGISTRY\",municipality=\"113476\"} 1.0"));
    }

    @Test
    void readsAGzippedExtractAndRefusesAMalformedOneBeforeAnythingStarts() throws IOException {
        String kamikawa = "113832";
        String cs = administration.municipalServer(kamikawa);
        Map<String, Object> resident = applied(cs, Notifications.moveIn(kamikawa));
        byte[] extract = (HEADER + csv(row(resident))).getBytes(StandardCharsets.UTF_8);

        JsonNode summary = completed(IDENTITY, cs, reconcile(IDENTITY, cs, gzip(extract), "gzip"));
        assertThat(summary.get("matched").asLong()).isEqualTo(1);
        assertThat(summary.get("onlyInRegistry").asLong()).isZero();

        int reconciliations = jdbc.queryForObject("SELECT count(*) FROM reconciliation", Integer.class);
        int tables = stagingTables();
        assertThat(fieldErrors(upload(IDENTITY, cs, extract, "gzip"))).containsExactly(Map.entry("body", "FORMAT"));
        byte[] badHeader = ("residentCode,kanjiName\n" + csv(row(resident))).getBytes(StandardCharsets.UTF_8);
        assertThat(fieldErrors(upload(IDENTITY, cs, badHeader, null))).containsExactly(Map.entry("header", "INVALID_VALUE"));
        byte[] notCsv = (HEADER + csv(row(resident)) + "\"unterminated,").getBytes(StandardCharsets.UTF_8);
        assertThat(fieldErrors(upload(IDENTITY, cs, notCsv, null))).containsExactly(Map.entry("body", "FORMAT"));
        assertThat(fieldErrors(upload(IDENTITY, cs, new byte[0], null))).containsExactly(Map.entry("header", "INVALID_VALUE"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reconciliation", Integer.class)).isEqualTo(reconciliations);
        assertThat(stagingTables()).as("nothing staged").isEqualTo(tables);

        Reply otherMunicipality = http.send(http.request("/api/v1/identity/reconciliations?municipalityCode=113859", cs)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(extract)));
        assertThat(otherMunicipality.status()).isEqualTo(403);
    }

    @Test
    void reportsTheUpdateSequencesNeverAppliedSinceTheLastReconciliation() {
        String kamisato = "113859";
        String cs = administration.municipalServer(kamisato);
        List<Map<String, Object>> residents = new ArrayList<>();
        for (long sequence : new long[] {1, 2, 3, 5, 6, 9}) {
            Map<String, Object> moveIn = Notifications.moveIn(kamisato);
            moveIn.put("updateSequence", sequence);
            residents.add(applied(cs, moveIn));
        }
        String extract = HEADER + residents.stream().map(r -> csv(row(r))).collect(Collectors.joining());
        JsonNode first = completed(IDENTITY, cs, reconcile(IDENTITY, cs, extract.getBytes(StandardCharsets.UTF_8), null)).get("sequenceGaps");
        assertThat(first.toString()).isEqualTo("""
                {"from":1,"through":9,"missing":3,"ranges":[{"first":4,"last":4},{"first":7,"last":8}]}""");

        for (long sequence : new long[] {10, 13}) {
            Map<String, Object> moveIn = Notifications.moveIn(kamisato);
            moveIn.put("updateSequence", sequence);
            residents.add(applied(cs, moveIn));
        }
        String second = HEADER + residents.stream().map(r -> csv(row(r))).collect(Collectors.joining());
        assertThat(completed(IDENTITY, cs, reconcile(IDENTITY, cs, second.getBytes(StandardCharsets.UTF_8), null)).get("sequenceGaps").toString())
                .isEqualTo("""
                        {"from":10,"through":13,"missing":2,"ranges":[{"first":11,"last":12}]}""");
    }

    @Test
    void comparesOneSnapshotWhileNotificationsKeepArriving() throws Exception {
        String yorii = "114081";
        String cs = administration.municipalServer(yorii);
        Map<String, Object> moving = applied(cs, Notifications.moveIn(yorii));
        String extract = HEADER + csv(row(moving));
        String id;
        Map<String, Object> newcomer = Notifications.moveIn(yorii);
        Instant notifiedDuring;
        try (Connection holder = dataSource.getConnection(); Statement statement = holder.createStatement()) {
            // Holds the comparison back between its snapshot and its join, while the municipality keeps notifying.
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE reconciliation_discrepancy IN SHARE MODE");
            id = reconcile(IDENTITY, cs, extract.getBytes(StandardCharsets.UTF_8), null);
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("SELECT count(*) FROM pg_locks l"
                    + " JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'reconciliation_discrepancy' AND NOT l.granted",
                    Integer.class) > 0);
            Map<String, Object> move = Notifications.next(moving, yorii, "MOVE_WITHIN");
            move.put("address", Notifications.address("埼玉県比企郡吉見町大字中新井１２３番地"));
            applied(cs, move);
            applied(cs, newcomer);
            notifiedDuring = Instant.now();
            holder.commit();
        }
        JsonNode summary = completed(IDENTITY, cs, id);
        assertThat(summary.get("matched").asLong()).as("the move after the snapshot is not a difference").isEqualTo(1);
        assertThat(summary.get("onlyInRegistry").asLong()).as("nor the move-in after it").isZero();
        assertThat(Instant.parse(summary.get("snapshotAt").asText())).isBefore(notifiedDuring);

        JsonNode next = completed(IDENTITY, cs, reconcile(IDENTITY, cs, extract.getBytes(StandardCharsets.UTF_8), null));
        assertThat(next.get("differing").asLong()).as("a later reconciliation sees both").isEqualTo(1);
        assertThat(next.get("onlyInRegistry").asLong()).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void reconcilesTheOverseasFileWithItsOwnRecordsAndLedger() {
        String yokoze = "113611";
        String minano = "113620";
        String cs = administration.municipalServer(yokoze);
        Map<String, Object> same = appliedOverseas(cs, sequenced(OverseasNotifications.record(yokoze), 1));
        Map<String, Object> differing = appliedOverseas(cs, sequenced(OverseasNotifications.record(yokoze), 2));
        Map<String, Object> domestic = OverseasNotifications.record(yokoze);
        ((Map<String, Object>) domestic.get("address")).put("municipalityCode", yokoze);
        ((Map<String, Object>) domestic.get("address")).put("text", "埼玉県秩父郡横瀬町大字横瀬１番地");
        domestic.put("lastDomesticAddress", null);
        appliedOverseas(cs, sequenced(domestic, 3));
        // An identity notification of the same municipality is in another file and another sequence stream.
        Map<String, Object> identityOnly = Notifications.moveIn(yokoze);
        identityOnly.put("updateSequence", 4L);
        applied(cs, identityOnly);
        Map<String, Object> onlyInRegistry = appliedOverseas(cs, sequenced(OverseasNotifications.record(yokoze), 5));
        Map<String, Object> removed = appliedOverseas(cs, sequenced(OverseasNotifications.record(yokoze), 6));
        appliedOverseas(cs, sequenced(OverseasNotifications.next(removed, yokoze, "REMOVE"), 7));
        Map<String, Object> heldByMinano = appliedOverseas(administration.municipalServer(minano), OverseasNotifications.record(minano));
        Map<String, Object> onlyInMunicipality = OverseasNotifications.record(yokoze);

        List<String> sameRow = overseasRow(same);
        sameRow.set(1, " 佐藤　花子 ");
        List<String> differingRow = overseasRow(differing);
        differingRow.set(2, "さとう はなこ");
        differingRow.set(5, yokoze);
        differingRow.set(7, "");
        List<String> badRow = overseasRow(OverseasNotifications.record(yokoze));
        badRow.set(3, "1975-13-01");
        badRow.set(5, "113612");
        String extract = String.join(",", OVERSEAS_COLUMNS) + "\n" + csv(sameRow) + csv(differingRow) + csv(overseasRow(domestic))
                + csv(overseasRow(removed)) + csv(overseasRow(heldByMinano)) + csv(overseasRow(onlyInMunicipality)) + csv(badRow)
                + "12345678901,only\n";

        String id = reconcile(OVERSEAS, cs, extract.getBytes(StandardCharsets.UTF_8), null);
        JsonNode summary = completed(OVERSEAS, cs, id);

        assertThat(summary.get("file").asText()).isEqualTo("overseas");
        assertThat(summary.get("matched").asLong()).as("spaces folded, an absent item is an empty value").isEqualTo(2);
        assertThat(summary.get("badRows").asLong()).isEqualTo(2);
        assertThat(discrepancies(cs, OVERSEAS + "/" + id)).containsOnly(
                Map.entry(code(differing), "DIFFERING [kanaName, addressMunicipalityCode, lastDomesticAddress]"),
                Map.entry(code(onlyInRegistry), "ONLY_IN_REGISTRY"),
                Map.entry(code(removed), "ONLY_IN_MUNICIPALITY"),
                Map.entry(code(heldByMinano), "HELD_BY_ANOTHER_MUNICIPALITY"),
                Map.entry(code(onlyInMunicipality), "ONLY_IN_MUNICIPALITY"));
        assertThat(http.get(OVERSEAS + "/" + id + "/bad-rows", cs).expect(200).json().get("items").toString()).isEqualTo("""
                [{"line":8,"field":"addressMunicipalityCode","reason":"CHECK_DIGIT"},\
                {"line":8,"field":"birthDate","reason":"FORMAT"},\
                {"line":9,"field":"","reason":"FIELD_COUNT"}]""");
        assertThat(summary.get("sequenceGaps").toString()).as("the overseas ledger's gaps, not the identity file's")
                .isEqualTo("""
                        {"from":1,"through":7,"missing":1,"ranges":[{"first":4,"last":4}]}""");
        assertThat(http.get(IDENTITY + "/" + id, cs).status()).as("a report of another file").isEqualTo(404);
    }

    @Test
    void refusesAnOverseasExtractWithAnIndividualNumberColumn() {
        String nagatoro = "113638";
        String cs = administration.municipalServer(nagatoro);
        int reconciliations = jdbc.queryForObject("SELECT count(*) FROM reconciliation", Integer.class);
        List<String> row = overseasRow(OverseasNotifications.record(nagatoro));
        row.add(Notifications.newIndividualNumber());
        byte[] withNumber = (String.join(",", OVERSEAS_COLUMNS) + ",individualNumber\n" + csv(row)).getBytes(StandardCharsets.UTF_8);
        assertThat(fieldErrors(upload(OVERSEAS, cs, withNumber, null))).containsExactly(Map.entry("header", "INVALID_VALUE"));
        byte[] identityExtract = HEADER.getBytes(StandardCharsets.UTF_8);
        assertThat(fieldErrors(upload(OVERSEAS, cs, identityExtract, null))).containsExactly(Map.entry("header", "INVALID_VALUE"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reconciliation", Integer.class)).isEqualTo(reconciliations);
    }

    private static Map<String, Object> sequenced(Map<String, Object> notification, long sequence) {
        notification.put("updateSequence", sequence);
        return notification;
    }

    private Map<String, Object> applied(String cs, Map<String, Object> notification) {
        return applied(Notifications.send(http, cs, List.of(notification)), notification);
    }

    private Map<String, Object> appliedOverseas(String cs, Map<String, Object> notification) {
        return applied(http.postJson("/api/v1/overseas/notifications", cs, Map.of("notifications", List.of(notification))),
                notification);
    }

    private static Map<String, Object> applied(Reply reply, Map<String, Object> notification) {
        JsonNode result = reply.expect(200).json().get("results").get(0);
        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("APPLIED");
        return notification;
    }

    private String reconcile(String file, String cs, byte[] body, String encoding) {
        return upload(file, cs, body, encoding).expect(202).json().get("id").asText();
    }

    private Reply upload(String file, String cs, byte[] body, String encoding) {
        HttpRequest.Builder request = http.request(file, cs)
                .header("Content-Type", "text/csv; charset=UTF-8").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return http.send(encoding == null ? request : request.header("Content-Encoding", encoding));
    }

    private JsonNode completed(String file, String cs, String id) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> http.get(file + "/" + id, cs).expect(200).json(),
                summary -> summary.get("status").asText().equals("COMPLETED"));
    }

    /** Each discrepancy as resident code and kind, with the differing fields. */
    private Map<String, String> discrepancies(String token, String report) {
        JsonNode page = http.get(report + "/discrepancies?size=1000", token).expect(200).json();
        Map<String, String> found = new HashMap<>();
        page.get("items").forEach(d -> found.put(d.get("residentCode").asText(),
                d.get("kind").asText() + (d.has("fields") ? " " + fields(d.get("fields")) : "")));
        return found;
    }

    private static String fields(JsonNode fields) {
        List<String> names = new ArrayList<>();
        fields.forEach(f -> names.add(f.asText()));
        return names.toString();
    }

    private int stagingTables() {
        return jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'reconciliation_extract_%'", Integer.class);
    }

    private static String code(Map<String, Object> notification) {
        return (String) notification.get("residentCode");
    }

    /** The extract's row of a resident as the notification left it. */
    @SuppressWarnings("unchecked")
    static List<String> row(Map<String, Object> n) {
        Map<String, Object> name = (Map<String, Object>) n.get("name");
        Map<String, Object> address = (Map<String, Object>) n.get("address");
        return new ArrayList<>(List.of((String) n.get("residentCode"), (String) name.get("kanji"), (String) name.get("kana"),
                (String) n.get("birthDate"), (String) n.get("sex"), (String) address.get("text"),
                (String) address.get("oazaCode"), (String) n.get("individualNumber")));
    }

    /** The overseas extract's row of a record as the notification left it; a value the record lacks is empty. */
    @SuppressWarnings("unchecked")
    static List<String> overseasRow(Map<String, Object> n) {
        Map<String, Object> name = (Map<String, Object>) n.get("name");
        Map<String, Object> address = (Map<String, Object>) n.get("address");
        Map<String, Object> lastDomestic = (Map<String, Object>) n.get("lastDomesticAddress");
        return new ArrayList<>(List.of((String) n.get("residentCode"), (String) name.get("kanji"), (String) name.get("kana"),
                (String) n.get("birthDate"), (String) n.get("sex"), Objects.toString(address.get("municipalityCode"), ""),
                (String) address.get("text"), lastDomestic == null ? "" : (String) lastDomestic.get("text")));
    }

    static String csv(List<String> values) {
        return values.stream().map(v -> "\"" + v.replace("\"", "\"\"") + "\"").collect(Collectors.joining(",")) + "\n";
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }
}
