package org.residentregistry.api.bulkprovision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.residentregistry.api.support.Notifications.KAWAGUCHI;
import static org.residentregistry.api.support.Notifications.moveIn;
import static org.residentregistry.api.support.Notifications.name;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.HttpTestClient.Reply;
import org.residentregistry.api.admin.AdministrationFixture.Operator;
import org.residentregistry.api.support.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Bulk provision: an uploaded file of queries, answered row by row, each row in the provision log exactly once. */
class BulkProvisionTest extends ApiIntegrationTest {

    private static final String HEADER = "residentCode,individualNumber,kanjiName,kanaName,birthDate,sex,address";

    @Autowired
    JdbcTemplate jdbc;

    private final List<Map<String, Object>> residents = new ArrayList<>();

    @BeforeEach
    void tenResidentsBornOnADayNoOtherTestUses() {
        String kawaguchi = administration.municipalServer(KAWAGUCHI);
        String birthDate = "19%02d-0%d-1%d".formatted(ThreadLocalRandom.current().nextInt(10, 40),
                ThreadLocalRandom.current().nextInt(1, 10), ThreadLocalRandom.current().nextInt(0, 10));
        for (int i = 0; i < 10; i++) {
            Map<String, Object> resident = moveIn(KAWAGUCHI);
            resident.put("birthDate", birthDate);
            resident.put("name", name("一括 太郎" + "一二三四五六七八九十".charAt(i), "イッカツ タロウ" + "アイウエオカキクケコ".charAt(i)));
            residents.add(resident);
        }
        Notifications.send(http, kawaguchi, residents).expect(200);
    }

    /** Row i (from 1): by resident code, by individual number, by four fields, a bad code, too broad; a short row now and then. */
    private String row(int i) {
        Map<String, Object> resident = residents.get(i % residents.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> name = (Map<String, Object>) resident.get("name");
        if (i % 1000 == 0) {
            return "only,two";
        }
        return switch (i % 5) {
            case 0 -> resident.get("residentCode") + ",,,,,,";
            case 1 -> "," + resident.get("individualNumber") + ",,,,,";
            case 2 -> ",,\"" + name.get("kanji") + "\",,\"" + resident.get("birthDate") + "\",1,";
            case 3 -> "12345,,,,,,";
            default -> ",,,,,1,\"川口市\"";
        };
    }

    private Reply submit(Operator operator, String affair, String csv) {
        return http.send(http.request("/api/v1/identity/bulk-queries?affair=" + affair, operator.token())
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)));
    }

    private String csv(int rows) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(row(i)).append("\r\n");
        }
        return csv.toString();
    }

    private void awaitDone(Operator operator, UUID id) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() ->
                http.get("/api/v1/identity/bulk-queries/" + id, operator.token()).expect(200).json()
                        .get("status").asText().equals("DONE"));
    }

    private Map<Integer, Long> logEntriesPerRow(UUID id) {
        return jdbc.queryForList("SELECT (criteria->>'row')::int AS row, count(*) AS entries FROM provision_log"
                        + " WHERE criteria->>'bulkQueryId' = ? AND criteria->>'row' IS NOT NULL GROUP BY 1", id.toString())
                .stream().collect(Collectors.toMap(r -> (Integer) r.get("row"), r -> (Long) r.get("entries")));
    }

    @Test
    void aTenThousandRowJobResumedAfterACrashLogsEveryRowExactlyOnceAndAnswersEveryRow() {
        Operator operator = administration.operator(true, "IDENTITY");
        UUID id = UUID.fromString(submit(operator, operator.affair(), csv(10_000)).expect(202).json().get("id").asText());
        awaitDone(operator, id);

        // The state a node leaves when it dies after logging rows it never recorded as processed: the entries of
        // rows 4,001 to 10,000 are in the log, their results are not, and its lease has run out.
        jdbc.update("UPDATE bulk_query SET status = 'RUNNING', processed = 4000, lease_owner = 'dead-node',"
                + " lease_until = now() - interval '1 second' WHERE id = ?", id);
        jdbc.update("DELETE FROM bulk_query_result WHERE bulk_query_id = ? AND row_number > 4000", id);
        awaitDone(operator, id);

        Map<Integer, Long> entries = logEntriesPerRow(id);
        assertThat(entries).hasSize(10_000);
        assertThat(entries.values()).containsOnly(1L);

        Reply progress = http.get("/api/v1/identity/bulk-queries/" + id, operator.token()).expect(200);
        assertThat(progress.json().get("rows").asInt()).isEqualTo(10_000);
        assertThat(progress.json().get("processed").asInt()).isEqualTo(10_000);
        Reply result = http.get("/api/v1/identity/bulk-queries/" + id + "/result", operator.token()).expect(200);
        assertThat(result.contentType()).startsWith("text/csv");
        List<String> lines = result.body().lines().toList();
        assertThat(lines.get(0)).startsWith("row,status,residentCode");
        Map<Integer, List<String[]>> byRow = lines.stream().skip(1).map(line -> line.split(",", -1))
                .collect(Collectors.groupingBy(cells -> Integer.parseInt(cells[0])));
        assertThat(byRow).hasSize(10_000);
        Map<String, Object> first = residents.get(5 % 10);
        assertThat(byRow.get(5).get(0)[1]).isEqualTo("FOUND");
        assertThat(byRow.get(5).get(0)[2]).isEqualTo(first.get("residentCode"));
        assertThat(byRow.get(5).get(0)[9]).isEqualTo(first.get("individualNumber"));
        assertThat(byRow.get(6).get(0)[2]).isEqualTo(residents.get(6).get("residentCode"));
        assertThat(byRow.get(7)).hasSize(1);
        assertThat(byRow.get(7).get(0)[2]).isEqualTo(residents.get(7).get("residentCode"));
        assertThat(Arrays.asList(byRow.get(8).get(0))).containsSequence("INVALID").endsWith("residentCode", "FORMAT");
        assertThat(Arrays.asList(byRow.get(9).get(0))).contains("INVALID", "TOO_BROAD");
        assertThat(Arrays.asList(byRow.get(1000).get(0))).contains("INVALID", "COLUMNS");
        assertThat(jdbc.queryForObject("SELECT array_to_string(resident_codes, ',') FROM provision_log WHERE id = ?",
                String.class, BulkQueryWorker.entryId(id, 5))).isEqualTo(first.get("residentCode"));
    }

    @Test
    void theIndividualNumberIsLeftOutWhereTheAffairDoesNotAllowItAndOnlyTheDepartmentReadsTheResult() {
        Operator operator = administration.operator(false, "IDENTITY");
        UUID id = UUID.fromString(submit(operator, operator.affair(), HEADER + "\n" + row(5) + "\n")
                .expect(202).json().get("id").asText());
        awaitDone(operator, id);
        String line = http.get("/api/v1/identity/bulk-queries/" + id + "/result", operator.token()).expect(200)
                .body().lines().skip(1).findFirst().orElseThrow();
        assertThat(line.split(",", -1)[1]).isEqualTo("FOUND");
        assertThat(line.split(",", -1)[9]).isEmpty();
        assertThat(logEntriesPerRow(id)).containsExactly(Map.entry(1, 1L));

        Operator other = administration.operator(false, "IDENTITY");
        assertThat(http.get("/api/v1/identity/bulk-queries/" + id, other.token()).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/identity/bulk-queries/" + id + "/result", other.token()).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/identity/bulk-queries/" + UUID.randomUUID(), other.token()).status()).isEqualTo(404);
    }

    @Test
    void anAffairTheDepartmentLacksIsRefusedAndLogged() {
        Operator operator = administration.operator(true, "IDENTITY");
        Operator other = administration.operator(true, "IDENTITY");
        Reply refused = submit(operator, other.affair(), csv(3));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT outcome || ':' || refusal_reason || ':' || query_kind FROM provision_log"
                + " WHERE id = ?", String.class, UUID.fromString(refused.header("X-Provision-Id"))))
                .isEqualTo("REFUSED:AFFAIR_NOT_AUTHORISED:BULK");
        assertThat(jobsOf(operator)).isZero();
    }

    @Test
    void aBadHeaderOrABrokenFileIsBadInputAndNothingIsQueued() {
        Operator operator = administration.operator(true, "IDENTITY");
        Reply badHeader = submit(operator, operator.affair(), "residentCode,name\n" + row(5) + "\n");
        assertThat(badHeader.status()).isEqualTo(400);
        assertThat(badHeader.json().get("errors").get(0).get("field").asText()).isEqualTo("header");
        Reply broken = submit(operator, operator.affair(), HEADER + "\n" + row(5) + "\n,,\"open quote\n");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(submit(operator, operator.affair(), HEADER + "\n").status()).isEqualTo(400);
        assertThat(jobsOf(operator)).isZero();
    }

    private int jobsOf(Operator operator) {
        return jdbc.queryForObject("SELECT count(*) FROM bulk_query WHERE operator_id = ?", Integer.class, operator.id());
    }
}
