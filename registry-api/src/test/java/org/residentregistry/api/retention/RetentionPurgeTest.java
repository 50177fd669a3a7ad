package org.residentregistry.api.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.residentregistry.api.support.Notifications.KAWAGOE;
import static org.residentregistry.api.support.Notifications.KAWAGUCHI;
import static org.residentregistry.api.support.Notifications.address;
import static org.residentregistry.api.support.Notifications.moveIn;
import static org.residentregistry.api.support.Notifications.name;
import static org.residentregistry.api.support.Notifications.next;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.HttpTestClient.Reply;
import org.residentregistry.api.TestClock;
import org.residentregistry.api.admin.AdministrationFixture.Operator;
import org.residentregistry.api.retention.PurgeRuns.Claimed;
import org.residentregistry.api.security.Role;
import org.residentregistry.api.support.Notifications;
import org.residentregistry.api.support.OverseasNotifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Retention purges (domain.md §6) through HTTP, with periods of one second (RegistryIntegrationTest) that the test
 * clock is moved past. A purge erases what has expired in the whole shared database, other tests' data included.
 */
class RetentionPurgeTest extends ApiIntegrationTest {

    /** Past both periods. */
    private static final Duration PAST_THE_PERIOD = Duration.ofSeconds(2);
    /** The logs keep their own retention: their entries name who received what, erased data included. */
    private static final List<String> LOGS = List.of("provision_log", "provision_log_resident", "operation_log");
    /** 小鹿野町, where no other test notifies: its reconciliation reports only this test's residents. */
    private static final String OGANO = "113654";
    /** The header row of a bulk query's upload. */
    private static final String BULK_HEADER = "residentCode,individualNumber,kanjiName,kanaName,birthDate,sex,address\r\n";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    PurgeWorker worker;
    @Autowired
    PurgeRuns runs;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    RetentionProperties properties;

    private String admin;
    private String auditor;
    private String kawaguchi;
    private String kawagoe;

    @BeforeEach
    void accounts() {
        admin = administration.account(Role.ADMINISTRATOR);
        auditor = administration.account(Role.AUDITOR);
        kawaguchi = administration.municipalServer(KAWAGUCHI);
        kawagoe = administration.municipalServer(KAWAGOE);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aSupersededVersionIsErasedWhileTheCurrentOneStays() {
        Map<String, Object> first = person();
        applied(kawaguchi, first);
        Instant betweenTheTwo = clock.instant();
        Map<String, Object> second = movedWithin(first, "埼玉県川口市新町");
        String code = (String) first.get("residentCode");
        Operator operator = administration.operator(true, "IDENTITY");
        String officer = administration.account(Role.DISCLOSURE_OFFICER);
        assertThat(byCode(operator, code, "&asOf=" + betweenTheTwo).status()).isEqualTo(200);

        clock.advance(PAST_THE_PERIOD);
        JsonNode run = purge(false);

        assertThat(run.get("erased").get("IDENTITY_FILE_VERSIONS").asLong()).isPositive();
        JsonNode current = byCode(operator, code, "").expect(200).json();
        assertThat(current.get("version").asInt()).isEqualTo(2);
        assertThat(current.get("address").get("text").asText()).isEqualTo(addressOf(second));
        assertThat(current.get("individualNumber").asText()).isEqualTo(first.get("individualNumber"));
        assertThat(byCode(operator, code, "&asOf=" + betweenTheTwo).status()).as("the record as it stood then").isEqualTo(404);
        JsonNode history = http.get("/api/v1/audit/identity/residents/" + code + "/history", auditor).expect(200).json();
        assertThat(history.get("versions")).hasSize(1);
        assertThat(history.get("versions").get(0).get("version").asInt()).isEqualTo(2);
        assertThat(http.get("/api/v1/disclosures/identity/" + code, officer).expect(200).json().get("earlierVersions"))
                .isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, code)).isEqualTo(1);
        assertThat(tablesHolding(addressOf(first))).as("the first address").isEmpty();
        assertThat(erased(run, code).get("files")).hasSize(1);
        assertThat(erased(run, code).get("files").get(0).get("file").asText()).isEqualTo("identity");
        assertThat(erased(run, code).get("files").get(0).get("wholeEntry").asBoolean()).isFalse();

        // The aggregate loads from what remains: the next notification is decided on the current record.
        Map<String, Object> third = next(second, KAWAGUCHI, "MOVE_WITHIN");
        third.put("address", address(unique("埼玉県川口市末広")));
        assertThat(send(kawaguchi, third).get("version").asInt()).isEqualTo(3);
        Map<String, Object> outOfScope = next(third, KAWAGUCHI, "MOVE_WITHIN");
        outOfScope.put("sex", "2");
        assertThat(send(kawaguchi, outOfScope).get("reason").asText()).isEqualTo("FIELD_OUT_OF_SCOPE");
    }

    @Test
    void aRemovedPersonIsErasedWholeEverywhereAndTheCodeIsThenUnknown() {
        Map<String, Object> resident = person();
        applied(kawaguchi, resident);
        Map<String, Object> moved = movedWithin(resident, "埼玉県川口市栄町");
        applied(kawaguchi, next(moved, KAWAGUCHI, "MOVE_OUT"));
        String code = (String) resident.get("residentCode");
        String number = (String) resident.get("individualNumber");
        String officer = administration.account(Role.DISCLOSURE_OFFICER);
        http.postJson("/api/v1/disclosures/corrections", officer, Map.of("residentCode", code, "requestedBy", "本人",
                "fields", List.of("address.text"), "statement", "住所が違います")).expect(201);
        Operator operator = administration.operator(true, "IDENTITY");
        byCode(operator, code, "").expect(200);

        clock.advance(PAST_THE_PERIOD);
        JsonNode run = purge(false);

        assertThat(run.get("erased").get("IDENTITY_FILE_REMOVED_PERSONS").asLong()).isPositive();
        assertThat(run.get("erased").get("CORRECTION_REQUESTS").asLong()).isPositive();
        assertThat(byCode(operator, code, "").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/identity/residents?individualNumber=" + number + "&affair=" + operator.affair(),
                operator.token()).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/audit/identity/residents/" + code + "/history", auditor).status()).isEqualTo(404);
        for (String value : List.of(code, number, nameOf(resident, "kanji"), nameOf(resident, "kana"), addressOf(resident),
                addressOf(moved))) {
            assertThat(tablesHolding(value)).as("tables holding an erased value").isEmpty();
        }
        JsonNode erased = erased(run, code);
        assertThat(erased.get("erased").asBoolean()).isTrue();
        assertThat(erased.get("files").get(0).get("wholeEntry").asBoolean()).isTrue();
        assertThat(erased(run, Notifications.newResidentCode()).get("erased").asBoolean()).isFalse();
        assertThat(http.get("/api/v1/audit/purges/" + run.get("id").asText() + "/erased?residentCode=123", auditor)
                .status()).isEqualTo(400);
        assertThat(http.get("/api/v1/audit/purges/" + run.get("id").asText() + "/erased?residentCode=" + code, admin)
                .status()).as("auditors only").isEqualTo(403);

        // As for a code the file never had: a modification is unknown, a record starts at version 1, the number is free.
        Map<String, Object> modification = next(resident, KAWAGOE, "MOVE_WITHIN");
        assertThat(send(kawagoe, modification).get("reason").asText()).isEqualTo("UNKNOWN_RESIDENT");
        Map<String, Object> again = next(resident, KAWAGOE, "MOVE_IN");
        JsonNode result = send(kawagoe, again);
        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("APPLIED");
        assertThat(result.get("version").asInt()).isEqualTo(1);
    }

    @Test
    void whatNamesAPersonErasedWholeGoesWithThemWhileWhatNamesOthersStays() {
        String cs = administration.municipalServer(OGANO);
        Map<String, Object> gone = person(OGANO);
        applied(cs, gone);
        Map<String, Object> other = person(OGANO);
        applied(cs, other);
        String goneCode = (String) gone.get("residentCode");
        String otherCode = (String) other.get("residentCode");
        // An extract with nobody in it: every current resident of the municipality is a discrepancy of the report.
        String report = "/api/v1/identity/reconciliations/" + http.send(http.request("/api/v1/identity/reconciliations", cs)
                .header("Content-Type", "text/csv; charset=UTF-8").POST(HttpRequest.BodyPublishers.ofString(
                        "residentCode,kanjiName,kanaName,birthDate,sex,address,oazaCode,individualNumber\n")))
                .expect(202).json().get("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get(report, cs).expect(200).json().get("status").asText()
                .equals("COMPLETED"));
        assertThat(discrepancies(cs, report)).containsExactlyInAnyOrder(goneCode, otherCode);
        applied(cs, next(gone, OGANO, "MOVE_OUT"));
        Operator abroad = administration.operator(true, "OVERSEAS");
        String goneProvision = recordedAbroadAndLookedUp(cs, gone, abroad);
        String otherProvision = recordedAbroadAndLookedUp(cs, other, abroad);
        Operator bulk = administration.operator(true, "IDENTITY");
        String rows = BULK_HEADER + goneCode + ",,,,,,\r\n" + otherCode + ",,,,,,\r\n," + gone.get("individualNumber")
                + ",,,,,\r\n";
        String bulkQuery = bulkQueryDone(bulk, rows);
        clock.advance(PAST_THE_PERIOD);

        // The batch of this one person: a whole run would also erase the bulk query whole, older than the period.
        FileErasure.Batch batch = batchOf(goneCode);

        assertThat(batch.erased()).extracting(FileErasure.Erased::wholeEntry).containsExactly(true);
        for (String kind : List.of("RECONCILIATION_DISCREPANCIES", "TEMPORARY_INDIVIDUAL_NUMBERS", "BULK_QUERY_ROWS")) {
            assertThat(batch.counts().getOrDefault(kind, 0L)).as(kind).isPositive();
        }
        assertThat(discrepancies(cs, report)).containsExactly(otherCode);
        assertThat(http.get("/api/v1/overseas/provisions/" + goneProvision, abroad.token()).status())
                .as("the held answer erased with the person").isEqualTo(410);
        assertThat(http.get("/api/v1/overseas/provisions/" + otherProvision, abroad.token()).status()).isEqualTo(200);
        assertThat(rowsOf(bulkQuery)).as("the rows naming the person or their number gone").containsExactly(2);
        assertThat(resultOf(bulk, bulkQuery)).contains(otherCode).doesNotContain(goneCode).doesNotContain((String) gone.get("individualNumber"));
    }

    @Test
    void aNumberThatPassedToANewCodeStaysWithWhatNamesItWhenTheOldCodeIsErasedWhole() {
        // Not Ogano's: its reconciliation in the test above counts every current resident there.
        Map<String, Object> resident = person(KAWAGOE);
        applied(kawagoe, resident);
        String oldCode = (String) resident.get("residentCode");
        String number = (String) resident.get("individualNumber");
        String newCode = Notifications.newResidentCode();
        Map<String, Object> change = next(resident, KAWAGOE, "RESIDENT_CODE_CHANGE");
        change.put("residentCode", newCode);
        change.put("previousResidentCode", oldCode);
        applied(kawagoe, change);
        Operator bulk = administration.operator(true, "IDENTITY");
        String rows = BULK_HEADER + oldCode + ",,,,,,\r\n," + number + ",,,,,\r\n";
        String bulkQuery = bulkQueryDone(bulk, rows);
        clock.advance(PAST_THE_PERIOD);

        // The old code's batch alone: it is removed (it points to the new code), and its period has passed.
        FileErasure.Batch batch = batchOf(oldCode);

        assertThat(batch.erased()).extracting(FileErasure.Erased::wholeEntry).containsExactly(true);
        assertThat(rowsOf(bulkQuery)).as("the row by the number the new code holds stays").containsExactly(2);
        assertThat(resultOf(bulk, bulkQuery)).contains(newCode).contains(number).doesNotContain(oldCode);
    }

    @Test
    void aSupersededIndividualNumberGoesWithTheBulkResultLinesShowingItWhileTheCurrentNumbersStay() {
        Map<String, Object> resident = person(KAWAGOE);
        applied(kawagoe, resident);
        Map<String, Object> other = person(KAWAGOE);
        applied(kawagoe, other);
        String code = (String) resident.get("residentCode");
        String otherCode = (String) other.get("residentCode");
        String oldNumber = (String) resident.get("individualNumber");
        Operator bulk = administration.operator(true, "IDENTITY");
        // By resident code: the rows hold no number, so only the result lines name it.
        String rows = BULK_HEADER + code + ",,,,,,\r\n" + otherCode + ",,,,,,\r\n";
        String before = bulkQueryDone(bulk, rows);
        Map<String, Object> change = next(resident, KAWAGOE, "INDIVIDUAL_NUMBER_CHANGE");
        String newNumber = Notifications.newIndividualNumber();
        change.put("individualNumber", newNumber);
        applied(kawagoe, change);
        String after = bulkQueryDone(bulk, rows);
        clock.advance(PAST_THE_PERIOD);

        // The person's batch alone: a whole run would also erase both bulk queries whole, older than the period.
        FileErasure.Batch batch = batchOf(code);

        assertThat(batch.erased()).extracting(FileErasure.Erased::wholeEntry).containsExactly(false);
        assertThat(batch.counts()).containsEntry("BULK_QUERY_ROWS", 1L);
        assertThat(rowsOf(before)).as("the row whose line showed the superseded number gone").containsExactly(2);
        assertThat(resultOf(bulk, before)).doesNotContain(oldNumber).doesNotContain(code).contains(otherCode);
        assertThat(rowsOf(after)).as("the lines showing the current number stay").containsExactly(1, 2);
        assertThat(resultOf(bulk, after)).contains(code).contains(newNumber).contains(otherCode);
    }

    /** The row numbers of a bulk query's uploaded rows still held. */
    private List<Integer> rowsOf(String bulkQuery) {
        return jdbc.queryForList("SELECT row_number FROM bulk_query_row WHERE bulk_query_id = ?::uuid ORDER BY row_number",
                Integer.class, bulkQuery);
    }

    private String resultOf(Operator bulk, String bulkQuery) {
        return http.get("/api/v1/identity/bulk-queries/" + bulkQuery + "/result", bulk.token()).expect(200).body();
    }

    /** Submits a bulk query of {@code rows} (a CSV with its header) and waits until it is done: its id. */
    private String bulkQueryDone(Operator bulk, String rows) {
        String bulkQuery = http.send(http.request("/api/v1/identity/bulk-queries?affair=" + bulk.affair(), bulk.token())
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(rows)))
                .expect(202).json().get("id").asText();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> http.get(
                "/api/v1/identity/bulk-queries/" + bulkQuery, bulk.token()).expect(200).json().get("status").asText()
                .equals("DONE"));
        return bulkQuery;
    }

    /**
     * Records the resident in the overseas file and looks the record up with the individual number, which the
     * temporary area then holds: the provision's id.
     */
    private String recordedAbroadAndLookedUp(String cs, Map<String, Object> resident, Operator operator) {
        Map<String, Object> record = OverseasNotifications.record(OGANO);
        record.put("residentCode", resident.get("residentCode"));
        @SuppressWarnings("unchecked")
        Map<String, Object> name = (Map<String, Object>) resident.get("name");
        record.put("name", new LinkedHashMap<>(Map.of("kanji", name.get("kanji"), "kana", name.get("kana"), "gaijiCount", 0)));
        record.put("birthDate", resident.get("birthDate"));
        record.put("sex", resident.get("sex"));
        overseas(cs, record);
        return http.get("/api/v1/overseas/residents/" + resident.get("residentCode") + "?affair=" + operator.affair()
                + "&includeIndividualNumber=true", operator.token()).expect(200).header("X-Provision-Id");
    }

    /** The identity file's purge batch of this one person, committed. */
    private FileErasure.Batch batchOf(String code) {
        return transactions.execute(status -> FileErasure.identityFile(jdbc).next(codeBefore(code), clock.instant(), false,
                properties.policy(), 1));
    }

    /** The resident code just before {@code code} in the identity file: a batch after it starts with {@code code}. */
    private String codeBefore(String code) {
        return jdbc.queryForObject("SELECT coalesce(max(resident_code), '') FROM identity_current WHERE resident_code < ?",
                String.class, code);
    }

    private List<String> discrepancies(String cs, String report) {
        List<String> codes = new ArrayList<>();
        http.get(report + "/discrepancies?size=1000", cs).expect(200).json().get("items")
                .forEach(d -> codes.add(d.get("residentCode").asText()));
        return codes;
    }

    @Test
    void theOverseasFileForgetsLikeTheIdentityFile() {
        Map<String, Object> abroad = OverseasNotifications.record(KAWAGUCHI);
        abroad.put("address", overseasAddress(unique("アメリカ合衆国ハワイ州")));
        overseas(kawaguchi, abroad);
        Map<String, Object> movedAbroad = OverseasNotifications.next(abroad, KAWAGUCHI, "MODIFY");
        movedAbroad.put("address", overseasAddress(unique("カナダ国オンタリオ州")));
        overseas(kawaguchi, movedAbroad);
        Map<String, Object> removed = OverseasNotifications.record(KAWAGUCHI);
        removed.put("address", overseasAddress(unique("フランス共和国パリ市")));
        overseas(kawaguchi, removed);
        overseas(kawaguchi, OverseasNotifications.next(removed, KAWAGUCHI, "REMOVE"));
        Operator operator = administration.operator(false, "OVERSEAS");

        clock.advance(PAST_THE_PERIOD);
        JsonNode run = purge(false);

        assertThat(run.get("erased").get("OVERSEAS_FILE_VERSIONS").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(run.get("erased").get("OVERSEAS_FILE_REMOVED_PERSONS").asLong()).isPositive();
        JsonNode current = http.get("/api/v1/overseas/residents/" + abroad.get("residentCode") + "?affair=" + operator.affair(),
                operator.token()).expect(200).json();
        assertThat(current.get("version").asInt()).isEqualTo(2);
        assertThat(http.get("/api/v1/overseas/residents/" + removed.get("residentCode") + "?affair=" + operator.affair(),
                operator.token()).status()).isEqualTo(404);
        assertThat(tablesHolding(addressOf(abroad))).isEmpty();
        assertThat(tablesHolding(addressOf(removed))).isEmpty();
        assertThat(tablesHolding("overseas-" + removed.get("residentCode"))).isEmpty();
        assertThat(erased(run, (String) removed.get("residentCode")).get("files").get(0).get("file").asText())
                .isEqualTo("overseas");
    }

    @Test
    void aDryRunChangesNothingAndReportsWhatWouldGo() {
        Map<String, Object> first = person();
        applied(kawaguchi, first);
        movedWithin(first, "埼玉県川口市仲町");
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

        clock.advance(PAST_THE_PERIOD);
        JsonNode dry = purge(true);

        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(dry.get("erased").get("IDENTITY_FILE_VERSIONS").asLong()).isPositive();
        assertThat(dry.get("residentCodes").asLong()).as("a dry run records nobody").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(events);
        assertThat(http.get("/api/v1/audit/identity/residents/" + first.get("residentCode") + "/history", auditor)
                .expect(200).json().get("versions")).hasSize(2);
        assertThat(tablesHolding(addressOf(first))).isNotEmpty();
        assertThat(erased(dry, (String) first.get("residentCode")).get("erased").asBoolean()).isFalse();
    }

    @Test
    void aRebuildAfterAPurgeReproducesWhatRemains() {
        Map<String, Object> first = person();
        applied(kawaguchi, first);
        applied(kawaguchi, next(first, KAWAGUCHI, "MOVE_OUT"));
        Map<String, Object> other = person();
        applied(kawaguchi, other);
        movedWithin(other, "埼玉県川口市元郷");
        clock.advance(PAST_THE_PERIOD);
        purge(false);

        jdbc.execute("CREATE TABLE purge_test_current AS SELECT * FROM identity_current");
        jdbc.execute("CREATE TABLE purge_test_version AS SELECT * FROM identity_version");
        try {
            JsonNode started = http.post("/api/v1/admin/read-models/identity-file/rebuilds", admin, "").expect(202).json();
            String path = "/api/v1/admin/read-models/identity-file/rebuilds/" + started.get("id").asText();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> http.get(path, admin).expect(200).json().get("state").asText().equals("COMPLETED"));
            for (String[] pair : new String[][] {{"identity_current", "purge_test_current"}, {"identity_version", "purge_test_version"}}) {
                assertThat(jdbc.queryForObject("SELECT count(*) FROM ((SELECT * FROM " + pair[0] + " EXCEPT SELECT * FROM "
                        + pair[1] + ") UNION ALL (SELECT * FROM " + pair[1] + " EXCEPT SELECT * FROM " + pair[0] + ")) d",
                        Long.class)).as(pair[0] + " rebuilt from the purged event store").isZero();
            }
        } finally {
            jdbc.execute("DROP TABLE purge_test_current, purge_test_version");
        }
    }

    @Test
    void aRunInterruptedBetweenBatchesIsCompletedByAnotherNodeOnce() {
        // Whatever has expired from other tests goes first, so that the interrupted run counts only these persons.
        clock.advance(PAST_THE_PERIOD);
        purge(false);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> first = person();
            applied(kawaguchi, first);
            movedWithin(first, "埼玉県川口市青木");
            codes.add((String) first.get("residentCode"));
        }
        clock.advance(PAST_THE_PERIOD);
        // A node that dies after its first batch: it holds the run, erases one person, commits, and is gone. Its run has
        // come as far as these persons (resident codes are handed out in order; everything before is already purged).
        Claimed run = transactions.execute(status -> {
            runs.start(false, "test", clock.instant());
            Claimed claimed = runs.claim("dead-node", Duration.ofHours(1)).orElseThrow();
            jdbc.update("UPDATE purge_run SET cursor = ? WHERE id = ?", codes.get(0).substring(0, 10), claimed.id());
            return claimed;
        });
        assertThat(worker.batch(run, "dead-node", 1)).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM purge_run_erased WHERE purge_run_id = ?", Long.class, run.id()))
                .isEqualTo(1);

        jdbc.update("UPDATE purge_run SET lease_until = now() - interval '1 second' WHERE id = ?", run.id());
        worker.work();
        JsonNode completed = awaitCompletion(run.id().toString());

        assertThat(completed.get("erased").get("IDENTITY_FILE_VERSIONS").asLong()).as("each version counted once").isEqualTo(3);
        assertThat(completed.get("residentCodes").asLong()).isEqualTo(3);
        for (String code : codes) {
            assertThat(jdbc.queryForList("SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ?",
                    Long.class, code)).containsExactly(1L);
            assertThat(erased(completed, code).get("erased").asBoolean()).isTrue();
        }
    }

    /**
     * A run whose every batch fails (here the event store refuses the deletes, by a trigger whose message quotes the
     * resident code; a full disk or a lost connection fail the same way) is given up after five failed batches in a
     * row: FAILED, naming the failure's type only, nothing erased. The next run erases what it left.
     */
    @Test
    void aRunWhoseBatchesKeepFailingIsGivenUpAfterFiveNamingOnlyTheFailuresType() {
        // Whatever has expired from other tests goes first.
        clock.advance(PAST_THE_PERIOD);
        purge(false);
        Map<String, Object> first = person();
        applied(kawaguchi, first);
        movedWithin(first, "埼玉県川口市領家");
        String code = (String) first.get("residentCode");
        clock.advance(PAST_THE_PERIOD);
        jdbc.execute("CREATE FUNCTION purge_test_refuse() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN RAISE EXCEPTION 'refused by the test: %', OLD.aggregate_identifier; END $$");
        jdbc.execute("CREATE TRIGGER purge_test_refuse BEFORE DELETE ON domain_event_entry FOR EACH ROW"
                + " EXECUTE FUNCTION purge_test_refuse()");
        JsonNode failed;
        try {
            String path = "/api/v1/admin/purges/"
                    + http.post("/api/v1/admin/purges", admin, "{\"dryRun\":false}").expect(202).json().get("id").asText();
            // Each poll takes the run up again after a failed batch; polled here rather than waited for.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                worker.work();
                return !http.get(path, admin).expect(200).json().get("state").asText().equals("RUNNING");
            });
            failed = http.get(path, admin).json();
            assertThat(jdbc.queryForObject("SELECT failures FROM purge_run WHERE id = ?::uuid", Integer.class,
                    failed.get("id").asText())).isEqualTo(5);
        } finally {
            jdbc.execute("DROP TRIGGER purge_test_refuse ON domain_event_entry");
            jdbc.execute("DROP FUNCTION purge_test_refuse()");
        }
        assertThat(failed.get("state").asText()).isEqualTo("FAILED");
        assertThat(failed.hasNonNull("finishedAt")).isTrue();
        assertThat(failed.get("failure").asText()).as("the failure's type, not its message")
                .endsWith("Exception").doesNotContain(code).doesNotContain("refused");
        assertThat(failed.toString()).doesNotContain(code);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, code)).as("nothing erased").isEqualTo(2);

        assertThat(purge(false).get("erased").get("IDENTITY_FILE_VERSIONS").asLong()).isPositive();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, code)).isEqualTo(1);
    }

    @Test
    void aPersonAnotherTransactionHoldsIsSkippedNotWaitedForAndErasedByTheNextRun() throws Exception {
        Map<String, Object> first = person();
        applied(kawaguchi, first);
        movedWithin(first, "埼玉県川口市幸町");
        String code = (String) first.get("residentCode");
        clock.advance(PAST_THE_PERIOD);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // What ingest does while it writes a person's record: holds the current row until it commits.
        CompletableFuture<Void> ingest = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            jdbc.queryForList("SELECT version FROM identity_current WHERE resident_code = ? FOR UPDATE", code);
            held.countDown();
            awaitQuietly(release);
        }));
        try {
            held.await();
            purge(false);
            assertThat(versionsHeld(code)).as("skipped while held").containsExactly(1, 2);
        } finally {
            release.countDown();
            ingest.get();
        }

        purge(false);
        assertThat(versionsHeld(code)).containsExactly(2);
    }

    @Test
    void ingestOfAPersonAPurgeBatchIsErasingWaitsForItAndDecidesOnWhatItLeft() throws Exception {
        Map<String, Object> resident = person();
        applied(kawaguchi, resident);
        applied(kawaguchi, next(resident, KAWAGUCHI, "MOVE_OUT"));
        String code = (String) resident.get("residentCode");
        clock.advance(PAST_THE_PERIOD);
        String before = codeBefore(code);
        CountDownLatch erasing = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        AtomicInteger purgeBackend = new AtomicInteger();
        // A purge batch of this one person, held open after its erasure until ingest has come as far as it can.
        CompletableFuture<FileErasure.Batch> purge = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
            FileErasure.Batch batch = FileErasure.identityFile(jdbc).next(before, clock.instant(), false,
                    properties.policy(), 1);
            purgeBackend.set(jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class));
            erasing.countDown();
            awaitQuietly(commit);
            return batch;
        }));
        erasing.await();
        // The person moves in at another municipality: decided on the events read, it would be their third version.
        CompletableFuture<JsonNode> ingest = CompletableFuture.supplyAsync(() -> send(kawagoe, next(resident, KAWAGOE,
                "MOVE_IN")));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> ingest.isDone() || blockedBy(purgeBackend.get()));
        commit.countDown();

        assertThat(purge.get().erased()).extracting(FileErasure.Erased::wholeEntry).containsExactly(true);
        JsonNode result = ingest.get();
        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("APPLIED");
        assertThat(result.get("version").asInt()).as("a code the file no longer has starts again").isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, code)).as("no event appended after erased ones").containsExactly(0L);
        assertThat(versionsHeld(code)).containsExactly(1);
        assertThat(jdbc.queryForObject("SELECT version FROM identity_current WHERE resident_code = ?", Integer.class, code))
                .isEqualTo(1);
    }

    /** Whether a session of this database waits for a row another holds. */
    /** Whether a session waits for a lock that {@code backend} holds: not any lock wait (the log writers wait too). */
    private boolean blockedBy(int backend) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM pg_stat_activity"
                + " WHERE ? = ANY (pg_blocking_pids(pid)))", Boolean.class, backend));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Integer> versionsHeld(String code) {
        return jdbc.queryForList("SELECT version FROM identity_version WHERE resident_code = ? ORDER BY version",
                Integer.class, code);
    }

    private long purgesLogged() {
        return jdbc.queryForObject("SELECT count(*) FROM operation_log WHERE route = '/api/v1/admin/purges'"
                + " AND method = 'POST'", Long.class);
    }

    @Test
    void aPurgeRecordNamesNobodyAndOneRunsAtATime() {
        Map<String, Object> resident = person();
        applied(kawaguchi, resident);
        applied(kawaguchi, next(resident, KAWAGUCHI, "DEATH"));
        clock.advance(PAST_THE_PERIOD);
        long purgesLogged = purgesLogged();
        JsonNode run = purge(false);

        String id = run.get("id").asText();
        for (String value : List.of((String) resident.get("residentCode"), (String) resident.get("individualNumber"),
                nameOf(resident, "kanji"), addressOf(resident))) {
            assertThat(run.toString()).doesNotContain(value);
            assertThat(tablesHolding(value)).isEmpty();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> purgesLogged() > purgesLogged);
        assertThat(http.get("/api/v1/admin/purges/" + id, administration.account(Role.OPERATIONS)).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/admin/purges/" + UUID.randomUUID(), admin).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/admin/purges", admin, "{\"dryRun\":\"yes\"}").status()).isEqualTo(400);
        assertThat(http.post("/api/v1/admin/purges", admin, "{\"dryrun\":true}").json().get("errors").get(0).get("field")
                .asText()).isEqualTo("dryrun");

        Claimed held = transactions.execute(status -> {
            runs.start(false, "test", clock.instant());
            return runs.claim("another-node", Duration.ofHours(1)).orElseThrow();
        });
        assertThat(http.post("/api/v1/admin/purges", admin, "{}").status()).as("one run at a time").isEqualTo(409);
        jdbc.update("UPDATE purge_run SET lease_until = now() - interval '1 second' WHERE id = ?", held.id());
        worker.work();
        awaitCompletion(held.id().toString());
    }

    private JsonNode purge(boolean dryRun) {
        JsonNode started = http.post("/api/v1/admin/purges", admin, "{\"dryRun\":" + dryRun + "}").expect(202).json();
        return awaitCompletion(started.get("id").asText());
    }

    private JsonNode awaitCompletion(String id) {
        String path = "/api/v1/admin/purges/" + id;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> !http.get(path, admin).expect(200).json().get("state").asText().equals("RUNNING"));
        JsonNode run = http.get(path, admin).json();
        assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("COMPLETED");
        return run;
    }

    private JsonNode erased(JsonNode run, String code) {
        return http.get("/api/v1/audit/purges/" + run.get("id").asText() + "/erased?residentCode=" + code, auditor)
                .expect(200).json();
    }

    private Reply byCode(Operator operator, String code, String query) {
        return http.get("/api/v1/identity/residents/" + code + "?affair=" + operator.affair() + query, operator.token());
    }

    /**
     * The tables, outside the logs, any of whose columns holds {@code value}: text, character, JSON and array columns
     * as text, binary columns (the event store's payloads) by the value's UTF-8 bytes.
     */
    private List<String> tablesHolding(String value) {
        List<String> found = new ArrayList<>();
        jdbc.query("SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c"
                + " JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
                + " WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'"
                + " AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'bytea')",
                rs -> {
                    String table = rs.getString(1);
                    String column = rs.getString(2);
                    if (LOGS.contains(table)) {
                        return;
                    }
                    String condition = rs.getString(3).equals("bytea")
                            ? "position(?::bytea IN \"" + column + "\") > 0"
                            : "strpos(\"" + column + "\"::text, ?) > 0";
                    Object argument = rs.getString(3).equals("bytea") ? value.getBytes(StandardCharsets.UTF_8) : value;
                    Boolean holds = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM \"" + table + "\" WHERE " + condition + ")",
                            Boolean.class, argument);
                    if (Boolean.TRUE.equals(holds)) {
                        found.add(table + "." + column);
                    }
                });
        return found;
    }

    /** Applies the next version of {@code previous}: a 転居 to a new address in {@code street}. */
    private Map<String, Object> movedWithin(Map<String, Object> previous, String street) {
        Map<String, Object> moved = next(previous, KAWAGUCHI, "MOVE_WITHIN");
        moved.put("address", address(unique(street)));
        applied(kawaguchi, moved);
        return moved;
    }

    private JsonNode send(String token, Map<String, Object> item) {
        return Notifications.send(http, token, List.of(item)).expect(200).json().get("results").get(0);
    }

    private void applied(String token, Map<String, Object> item) {
        JsonNode result = send(token, item);
        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("APPLIED");
    }

    private void overseas(String token, Map<String, Object> item) {
        JsonNode result = OverseasNotifications.send(http, token, List.of(item)).expect(200).json().get("results").get(0);
        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("APPLIED");
    }

    /** A new resident whose name and address no other test uses, so that finding them anywhere means they were kept. */
    private static Map<String, Object> person() {
        return person(KAWAGUCHI);
    }

    private static Map<String, Object> person(String municipality) {
        Map<String, Object> resident = moveIn(municipality);
        resident.put("name", name(unique("鷗鷺") + " " + unique("鶴鷹"), kana() + " " + kana()));
        resident.put("address", address(unique("埼玉県川口市本町")));
        return resident;
    }

    private static Map<String, Object> overseasAddress(String text) {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("municipalityCode", null);
        address.put("text", text);
        address.put("gaijiCount", 0);
        return address;
    }

    private static String unique(String prefix) {
        String pool = "鴨鴫鳩鶏燕雀梟隼鷲鵜鶯鷺鴎";
        StringBuilder text = new StringBuilder(prefix);
        ThreadLocalRandom.current().ints(6, 0, pool.length()).forEach(i -> text.append(pool.charAt(i)));
        return text.toString();
    }

    private static String kana() {
        String pool = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホ";
        StringBuilder text = new StringBuilder();
        ThreadLocalRandom.current().ints(7, 0, pool.length()).forEach(i -> text.append(pool.charAt(i)));
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    private static String addressOf(Map<String, Object> item) {
        return (String) ((Map<String, Object>) item.get("address")).get("text");
    }

    @SuppressWarnings("unchecked")
    private static String nameOf(Map<String, Object> item, String part) {
        return (String) ((Map<String, Object>) item.get("name")).get(part);
    }
}
