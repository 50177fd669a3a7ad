package org.residentregistry.api.bulkprovision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.residentregistry.api.support.Notifications.KAWAGUCHI;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.HttpTestClient.Reply;
import org.residentregistry.api.admin.AdministrationFixture.Operator;
import org.residentregistry.api.provision.ProvisionLog;
import org.residentregistry.api.support.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Bulk provision: an uploaded file of queries, answered row by row, each row in the provision log exactly once. */
class BulkProvisionTest extends ApiIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    BulkQueryRepository jobs;
    @Autowired
    BulkRowQuery rowQuery;
    @Autowired
    ProvisionLog provisionLog;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    Clock clock;

    private BulkQueryFile file;

    @BeforeEach
    void tenResidents() {
        file = new BulkQueryFile();
        Notifications.send(http, administration.municipalServer(KAWAGUCHI), file.residents).expect(200);
    }

    private Reply submit(Operator operator, String affair, String csv) {
        return BulkQueryFile.submit(http, operator.token(), affair, csv);
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
        UUID id = UUID.fromString(submit(operator, operator.affair(), file.csv(10_000)).expect(202).json().get("id").asText());
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
        Map<String, Object> first = file.residents.get(5 % 10);
        assertThat(byRow.get(5).get(0)[1]).isEqualTo("FOUND");
        assertThat(byRow.get(5).get(0)[2]).isEqualTo(first.get("residentCode"));
        assertThat(byRow.get(5).get(0)[9]).isEqualTo(first.get("individualNumber"));
        assertThat(byRow.get(6).get(0)[2]).isEqualTo(file.residents.get(6).get("residentCode"));
        assertThat(byRow.get(7)).hasSize(1);
        assertThat(byRow.get(7).get(0)[2]).isEqualTo(file.residents.get(7).get("residentCode"));
        assertThat(Arrays.asList(byRow.get(8).get(0))).containsSequence("INVALID").endsWith("residentCode", "FORMAT");
        assertThat(Arrays.asList(byRow.get(9).get(0))).contains("INVALID", "TOO_BROAD");
        assertThat(Arrays.asList(byRow.get(1000).get(0))).contains("INVALID", "COLUMNS");
        assertThat(jdbc.queryForObject("SELECT array_to_string(resident_codes, ',') FROM provision_log WHERE id = ?",
                String.class, BulkQueryWorker.entryId(id, 5))).isEqualTo(first.get("residentCode"));
    }

    /**
     * Two nodes on one job: each is slow enough that its lease runs out under it, again and again, so that the other
     * (or the server's own worker) takes the job over while it is still answering and logging a chunk. A row is
     * still logged once and answered once: a second node's entries for a chunk already logged are refused by the
     * log's unique id and roll its chunk back, and a node that lost the lease records no progress and no result.
     */
    @Test
    void twoNodesWhoseLeasesRunOutUnderThemLogAndAnswerEveryRowOnce() throws Exception {
        Operator operator = administration.operator(true, "IDENTITY");
        UUID id = UUID.fromString(submit(operator, operator.affair(), file.csv(2_000)).expect(202).json().get("id").asText());
        AtomicBoolean finished = new AtomicBoolean();
        Set<String> owners = ConcurrentHashMap.newKeySet();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            for (int node = 0; node < 2; node++) {
                BulkQueryWorker worker = new BulkQueryWorker(jobs, rowQuery, provisionLog, transactions, clock, 20,
                        Duration.ofMinutes(1));
                threads.submit(() -> {
                    while (!finished.get()) {
                        try {
                            worker.work();
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                        pause(5);
                    }
                });
            }
            threads.submit(() -> {
                while (!finished.get()) {
                    owners.addAll(jdbc.queryForList("UPDATE bulk_query SET lease_until = now() - interval '1 second'"
                            + " WHERE id = ? AND status = 'RUNNING' RETURNING lease_owner", String.class, id));
                    pause(10);
                }
            });
            awaitDone(operator, id);
        } finally {
            finished.set(true);
            threads.shutdown();
            assertThat(threads.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }

        assertThat(failures).as("a node's failures").isEmpty();
        assertThat(owners).as("nodes that held the job").hasSizeGreaterThanOrEqualTo(2);
        Map<Integer, Long> entries = logEntriesPerRow(id);
        assertThat(entries).hasSize(2_000);
        assertThat(entries.values()).containsOnly(1L);
        List<String> lines = http.get("/api/v1/identity/bulk-queries/" + id + "/result", operator.token()).expect(200)
                .body().lines().skip(1).toList();
        // Every row of this file has one line of answer: a record found, or why it is not a query.
        assertThat(lines).hasSize(2_000);
        assertThat(lines.stream().map(line -> Integer.parseInt(line.split(",", -1)[0])).distinct()).hasSize(2_000);
        assertThat(lines.get(4).split(",", -1)[2]).isEqualTo(file.resident(5).get("residentCode"));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theIndividualNumberIsLeftOutWhereTheAffairDoesNotAllowItAndOnlyTheDepartmentReadsTheResult() {
        Operator operator = administration.operator(false, "IDENTITY");
        UUID id = UUID.fromString(submit(operator, operator.affair(), BulkQueryFile.HEADER + "\n" + file.row(5) + "\n")
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
        Reply refused = submit(operator, other.affair(), file.csv(3));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT outcome || ':' || refusal_reason || ':' || query_kind FROM provision_log"
                + " WHERE id = ?", String.class, UUID.fromString(refused.header("X-Provision-Id"))))
                .isEqualTo("REFUSED:AFFAIR_NOT_AUTHORISED:BULK");
        assertThat(jobsOf(operator)).isZero();
    }

    @Test
    void aJobWhoseAffairTheDepartmentLosesStopsAsFailedWithTheRefusalLogged() {
        Operator operator = administration.operator(true, "IDENTITY");
        UUID id = UUID.fromString(submit(operator, operator.affair(), file.csv(3_000)).expect(202).json().get("id").asText());
        jdbc.update("DELETE FROM department_affair WHERE department_id = ?", operator.department());
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() ->
                http.get("/api/v1/identity/bulk-queries/" + id, operator.token()).expect(200).json()
                        .get("status").asText().equals("FAILED"));
        assertThat(http.get("/api/v1/identity/bulk-queries/" + id + "/result", operator.token()).status()).isEqualTo(409);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM provision_log WHERE criteria->>'bulkQueryId' = ?"
                + " AND outcome = 'REFUSED' AND query_kind = 'BULK'", Integer.class, id.toString())).isEqualTo(1);
        assertThat(logEntriesPerRow(id).size()).isLessThan(3_000);
    }

    @Test
    void aBadHeaderOrABrokenFileIsBadInputAndNothingIsQueued() {
        Operator operator = administration.operator(true, "IDENTITY");
        Reply badHeader = submit(operator, operator.affair(), "residentCode,name\n" + file.row(5) + "\n");
        assertThat(badHeader.status()).isEqualTo(400);
        assertThat(badHeader.json().get("errors").get(0).get("field").asText()).isEqualTo("header");
        Reply broken = submit(operator, operator.affair(), BulkQueryFile.HEADER + "\n" + file.row(5) + "\n,,\"open quote\n");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(submit(operator, operator.affair(), BulkQueryFile.HEADER + "\n").status()).isEqualTo(400);
        assertThat(jobsOf(operator)).isZero();
    }

    private int jobsOf(Operator operator) {
        return jdbc.queryForObject("SELECT count(*) FROM bulk_query WHERE operator_id = ?", Integer.class, operator.id());
    }
}
