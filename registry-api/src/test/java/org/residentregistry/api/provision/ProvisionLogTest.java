package org.residentregistry.api.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.residentregistry.api.support.Notifications.KAWAGUCHI;
import static org.residentregistry.api.support.Notifications.moveIn;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.admin.AdministrationFixture.Operator;
import org.residentregistry.api.security.RegistryAccount;
import org.residentregistry.api.security.Role;
import org.residentregistry.api.support.Notifications;
import org.residentregistry.projections.provision.CheckpointKey;
import org.residentregistry.projections.provision.ProvisionLogChain;
import org.residentregistry.projections.provision.ProvisionLogEntry;
import org.residentregistry.projections.provision.ProvisionLogVerification.Reason;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The provision log — 提供・移転記録 — through the auditors' endpoints: its entries, the database refusing to change
 * them, and the verification finding what was changed behind the registry's back.
 */
class ProvisionLogTest extends ApiIntegrationTest {

    private static final String LOG = "/api/v1/audit/provision-log";
    private static final String VERIFICATION = "/api/v1/audit/provision-log/verification";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    CheckpointKey key;
    @Autowired
    ProvisionLog provisionLog;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ProvisionLogSettings settings;

    private ProvisionLogTables tables;
    private String auditor;
    private String municipalServer;
    /** A surname no other test's residents have, so that a search finds only this test's. */
    private String kana;
    private String residentCode;

    @BeforeEach
    void aResidentAndAnAuditor() {
        tables = new ProvisionLogTables(jdbc, dataSource, key);
        auditor = administration.account(Role.AUDITOR);
        municipalServer = administration.municipalServer(KAWAGUCHI);
        StringBuilder surname = new StringBuilder();
        new Random().ints(8, 0, 40).forEach(i -> surname.append((char) ('ア' + 2 * (i % 20) + i / 20)));
        kana = surname + " タロウ";
        residentCode = resident();
    }

    private String resident() {
        Map<String, Object> resident = moveIn(KAWAGUCHI);
        resident.put("name", Notifications.name("山田 太郎", kana));
        Notifications.send(http, municipalServer, List.of(resident)).expect(200);
        return (String) resident.get("residentCode");
    }

    private JsonNode entries(String query) {
        return http.get(LOG + query, auditor).expect(200).json().get("entries");
    }

    private String query(Operator operator, String affair) {
        return http.get("/api/v1/identity/residents/" + residentCode + "?affair=" + affair, operator.token())
                .header(ProvisionLog.HEADER);
    }

    @Test
    void everyKindOfRefusalIsLoggedWithItsReason() {
        Operator operator = administration.operator(false, "IDENTITY");
        Operator overseasOnly = administration.operator(false, "OVERSEAS");
        String unknown = query(operator, "no-such-affair");
        String otherDepartments = query(operator, overseasOnly.affair());
        String notCovered = query(overseasOnly, overseasOnly.affair());
        String provided = query(operator, operator.affair());

        JsonNode logged = entries("?operatorId=" + operator.id());
        assertThat(logged).extracting(entry -> entry.get("id").asText()).containsExactly(unknown, otherDepartments, provided);
        assertThat(logged).extracting(entry -> entry.path("refusalReason").asText(null))
                .containsExactly("AFFAIR_NOT_AUTHORISED", "AFFAIR_NOT_AUTHORISED", null);
        assertThat(logged.get(2).get("outcome").asText()).isEqualTo("PROVIDED");
        assertThat(logged.get(2).get("legalBasis").asText()).isEqualTo("住基法別表第五第十号");
        assertThat(logged.get(2).get("criteria").get("residentCode").asText()).isEqualTo(residentCode);
        JsonNode refused = entries("?operatorId=" + overseasOnly.id() + "&outcome=REFUSED");
        assertThat(refused).extracting(entry -> entry.get("id").asText()).containsExactly(notCovered);
        assertThat(refused.get(0).get("refusalReason").asText()).isEqualTo("FILE_NOT_COVERED");
        assertThat(refused.get(0).get("residentCodes")).isEmpty();
    }

    /**
     * The busiest query checks its affair and reads its record in one statement; when that statement fails, a request
     * that was not to be answered is still refused and logged, and one that was gets the failure, with nothing logged
     * as provided.
     */
    @Test
    void aRefusalIsLoggedEvenWhenTheRecordReadBesideTheAffairFails() {
        Operator operator = administration.operator(false, "IDENTITY");
        Operator other = administration.operator(false, "IDENTITY");
        RegistryAccount account = new RegistryAccount(operator.id(), Role.DEPARTMENT_OPERATOR, null, operator.department());
        // The read fails in the database whatever the affair: the parameter is no number.
        String failingJoin = "LEFT JOIN identity_current r ON r.version = CAST(? AS integer)";
        for (String affair : List.of(other.affair(), operator.affair())) {
            ProvisionRequest request = new ProvisionRequest(account, null, affair, RegistryFile.IDENTITY, "RESIDENT_CODE",
                    Map.of("residentCode", residentCode));
            assertThatThrownBy(() -> provisionLog.authorise(request, "r.resident_code", failingJoin,
                    (row, n) -> row.getString(1), "not a number"))
                    .isInstanceOf(affair.equals(other.affair()) ? ProvisionRefusedException.class : DataAccessException.class);
        }
        JsonNode logged = entries("?operatorId=" + operator.id());
        assertThat(logged).extracting(entry -> entry.get("outcome").asText()).containsExactly("REFUSED");
        assertThat(logged.get(0).get("refusalReason").asText()).isEqualTo("AFFAIR_NOT_AUTHORISED");
    }

    @Test
    void whoReceivedAResidentsRecordIsOneIndexedQueryWithARowPerResidentHandedOut() {
        Operator operator = administration.operator(true, "IDENTITY");
        String first = query(operator, operator.affair());
        String second = query(operator, operator.affair());
        String namesake = resident();
        JsonNode search = http.postJson("/api/v1/identity/search", operator.token(), Map.of("affair", operator.affair(),
                "name", Map.of("kana", kana), "birthDate", "1980-05-06")).expect(200).json();

        JsonNode received = entries("?residentCode=" + residentCode + "&departmentId=" + operator.department());
        assertThat(received).extracting(entry -> entry.get("queryKind").asText())
                .containsExactly("RESIDENT_CODE", "RESIDENT_CODE", "FOUR_FIELDS");
        assertThat(received.get(0).get("id").asText()).isEqualTo(first);
        assertThat(received.get(1).get("id").asText()).isEqualTo(second);
        assertThat(received.get(0).get("individualNumberIncluded").asBoolean()).isTrue();
        JsonNode searched = received.get(2);
        List<String> handedOut = new ArrayList<>();
        search.get("results").forEach(result -> handedOut.add(result.get("residentCode").asText()));
        assertThat(handedOut).containsExactlyInAnyOrder(residentCode, namesake);
        assertThat(searched.get("residentCodes")).extracting(JsonNode::asText).containsExactlyElementsOf(handedOut);
        assertThat(jdbc.queryForList("SELECT resident_code FROM provision_log_resident WHERE seq = ? ORDER BY position",
                String.class, searched.get("seq").asLong())).containsExactlyElementsOf(handedOut);
        // On a table this small the planner prefers a scan: with scans priced out, the plan shows the index serving it.
        List<String> plan = new ArrayList<>();
        tables.inTransaction(connection -> {
            ProvisionLogTables.execute(connection, "SET LOCAL enable_seqscan = off");
            try (Statement statement = connection.createStatement();
                 var rows = statement.executeQuery("EXPLAIN SELECT seq FROM provision_log_resident WHERE resident_code = '"
                         + residentCode + "'")) {
                while (rows.next()) {
                    plan.add(rows.getString(1));
                }
            }
        });
        assertThat(String.join("\n", plan)).contains("Index").doesNotContain("Seq Scan");
    }

    @Test
    void theDatabaseRefusesToChangeOrEmptyTheLogsEvenForASuperuser() {
        Operator operator = administration.operator(false, "IDENTITY");
        query(operator, operator.affair());
        tables.awaitSealed(); // every table has a row, for the row triggers to refuse
        assertThat(jdbc.queryForObject("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", Boolean.class)).isTrue();
        tables.assertRefused(Map.of("provision_log", "seq", "provision_log_resident", "seq", "provision_log_checkpoint", "seq",
                "operation_log", "seq"), List.of("UPDATE %1$s SET %2$s = %2$s", "DELETE FROM %1$s", "TRUNCATE %1$s"));
    }

    @Test
    void aValidLogVerifiesAndAnEditedEntryIsFoundThroughTheEndpoint() {
        Operator operator = administration.operator(false, "IDENTITY");
        UUID edited = UUID.fromString(query(operator, operator.affair()));
        query(operator, operator.affair());
        tables.awaitSealed();
        JsonNode valid = http.get(VERIFICATION, auditor).expect(200).json();
        assertThat(valid.get("valid").asBoolean()).as(valid.toString()).isTrue();
        assertThat(valid.get("entriesChecked").asLong()).isEqualTo(tables.headSeq() - valid.get("purgedThrough").asLong());

        long seq = jdbc.queryForObject("SELECT seq FROM provision_log WHERE id = ?", Long.class, edited);
        String original = jdbc.queryForObject("SELECT affair_code FROM provision_log WHERE seq = ?", String.class, seq);
        tables.tamper("UPDATE provision_log SET affair_code = 'another-affair' WHERE seq = " + seq);
        try {
            JsonNode invalid = http.get(VERIFICATION, auditor).expect(200).json();
            assertThat(invalid.get("valid").asBoolean()).isFalse();
            assertThat(invalid.get("firstInvalidSeq").asLong()).isEqualTo(seq);
            assertThat(invalid.get("reason").asText()).isEqualTo("ENTRY_HASH_MISMATCH");
        } finally {
            tables.tamper("UPDATE provision_log SET affair_code = '" + original + "' WHERE seq = " + seq);
        }
        assertThat(http.get(VERIFICATION, auditor).expect(200).json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void theVerificationFindsADeletedAnInsertedAResidentRowAndForgedOrRemovedCheckpoints() throws Exception {
        Operator operator = administration.operator(false, "IDENTITY");
        for (int i = 0; i < 3; i++) {
            query(operator, operator.affair());
        }
        long sealed = tables.awaitSealed();
        long middle = sealed - 1;
        assertThat(tables.findingAfter("DELETE FROM provision_log WHERE seq = " + middle))
                .isEqualTo(new ProvisionLogTables.Finding(middle, Reason.ENTRY_MISSING));
        assertThat(tables.findingAfter("DELETE FROM provision_log_resident WHERE seq = " + middle))
                .isEqualTo(new ProvisionLogTables.Finding(middle, Reason.RESIDENT_ROWS_MISMATCH));
        assertThat(tables.findingAfter("UPDATE provision_log SET individual_number_included = true WHERE seq = " + middle))
                .isEqualTo(new ProvisionLogTables.Finding(middle, Reason.ENTRY_HASH_MISMATCH));
        // An entry appended past the head, well-formed and chained as the registry would chain it: the head tells.
        ProvisionLogEntry forged = new ProvisionLogEntry(sealed + 1, UUID.randomUUID(), Instant.parse("2026-01-01T00:00:00Z"),
                "intruder", null, null, null, null, "RESIDENT_CODE", "{}", "PROVIDED", null, List.of(), false);
        byte[] head = jdbc.queryForObject("SELECT hash FROM provision_log_head", byte[].class);
        String inserted = "INSERT INTO provision_log (seq, id, at, operator_id, query_kind, criteria, outcome,"
                + " resident_codes, individual_number_included, hash) VALUES (" + forged.seq() + ", '" + forged.id()
                + "', '2026-01-01T00:00:00Z', 'intruder', 'RESIDENT_CODE', '{}', 'PROVIDED', '{}', false, '\\x%s')";
        assertThat(tables.findingAfter(inserted.formatted(HexFormat.of().formatHex(ProvisionLogChain.hash(head, forged)))))
                .isEqualTo(new ProvisionLogTables.Finding(sealed + 1, Reason.HEAD_MISMATCH));
        assertThat(tables.findingAfter(inserted.formatted(HexFormat.of().formatHex(head))))
                .isEqualTo(new ProvisionLogTables.Finding(sealed + 1, Reason.ENTRY_HASH_MISMATCH));
        assertThat(tables.findingAfter("UPDATE provision_log_checkpoint SET mac = sha256(mac) WHERE seq = " + sealed))
                .isEqualTo(new ProvisionLogTables.Finding(sealed, Reason.CHECKPOINT_FORGED));
        assertThat(tables.findingAfter("DELETE FROM provision_log_checkpoint WHERE seq = " + sealed))
                .isEqualTo(new ProvisionLogTables.Finding(sealed, Reason.CHECKPOINT_MISSING));
    }

    @Test
    void concurrentQueriesMakeOneChainWithoutGaps() throws Exception {
        Operator operator = administration.operator(false, "IDENTITY");
        // Other tests move the head behind this node's back; once a query is written without the head's lock, the
        // node chains ahead again.
        Operator another = administration.operator(false, "IDENTITY");
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            double before = counter("locked");
            query(another, another.affair());
            return counter("locked") == before;
        });
        double locked = counter("locked");
        Set<String> ids = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int client = 0; client < 16; client++) {
                done.add(clients.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        ids.add(query(operator, operator.affair()));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            clients.shutdown();
        }
        assertThat(ids).hasSize(160);
        List<Long> seqs = jdbc.queryForList("SELECT seq FROM provision_log WHERE operator_id = ? ORDER BY seq", Long.class,
                operator.id());
        assertThat(seqs).hasSize(160).doesNotHaveDuplicates();
        // Without gaps (a retention purge may have erased the first entries).
        assertThat(jdbc.queryForObject("SELECT count(*) = max(seq) - min(seq) + 1 FROM provision_log", Boolean.class)).isTrue();
        // One node alone: each group was chained on the one before it, even while that one was still committing.
        assertThat(counter("locked")).as("groups written under the head's lock").isEqualTo(locked);
        JsonNode verification = http.get(VERIFICATION, auditor).expect(200).json();
        assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isTrue();
    }

    /** A counter of this node's group commits, {@code registry_provision_log_group_<name>_total}. */
    private double counter(String name) {
        String metric = "registry_provision_log_group_" + name + "_total ";
        return http.get("/actuator/prometheus", administration.account(Role.OPERATIONS)).expect(200).body().lines()
                .filter(line -> line.startsWith(metric)).mapToDouble(line -> Double.parseDouble(line.substring(metric.length())))
                .findFirst().orElseThrow();
    }

    @Test
    void twoNodesAppendingAtOnceMakeOneChainWithoutGapsOrLosses() throws Exception {
        // Two more writers on the same database, as two other nodes would be: each chains its groups ahead of the
        // head it last saw, and finds it moved by the other.
        List<SimpleMeterRegistry> meters = List.of(new SimpleMeterRegistry(), new SimpleMeterRegistry());
        List<LogWriter> nodes = meters.stream().map(this::node).toList();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<UUID> appended = new ArrayList<>();
        try {
            List<Future<List<UUID>>> done = new ArrayList<>();
            for (int client = 0; client < 8; client++) {
                LogWriter writer = nodes.get(client % 2);
                done.add(clients.submit(() -> {
                    List<UUID> ids = new ArrayList<>();
                    for (int i = 0; i < 40; i++) {
                        ProvisionLogEntry entry = entry(UUID.randomUUID(), "{}");
                        writer.append(List.of(entry));
                        ids.add(entry.id());
                    }
                    return ids;
                }));
            }
            for (Future<List<UUID>> future : done) {
                appended.addAll(future.get());
            }
        } finally {
            clients.shutdown();
            nodes.forEach(LogWriter::stop);
        }
        List<Long> seqs = jdbc.queryForList("SELECT seq FROM provision_log WHERE id = ANY (?::uuid[])", Long.class,
                (Object) appended.stream().map(UUID::toString).toArray(String[]::new));
        assertThat(seqs).hasSize(320).doesNotHaveDuplicates();
        assertThat(jdbc.queryForObject("SELECT count(*) = max(seq) - min(seq) + 1 FROM provision_log", Boolean.class)).isTrue();
        assertThat(meters.stream().mapToDouble(node -> node.counter("registry.provision.log.group.conflicts").count()).sum())
                .as("groups that found the head moved by the other node").isPositive();
        JsonNode verification = http.get(VERIFICATION, auditor).expect(200).json();
        assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isTrue();
    }

    /** The writer of another node, started, measured in {@code meters}. */
    private LogWriter node(SimpleMeterRegistry meters) {
        LogWriter writer = new LogWriter(jdbc, transactions, key, settings, Clock.systemUTC(), new GroupCommitMetrics(meters));
        writer.start();
        return writer;
    }

    @Test
    void anEntryTheDatabaseRefusesFailsOnlyItsOwnAppendNotTheOthersOfItsGroup() throws Exception {
        ProvisionLogEntry logged = entry(UUID.randomUUID(), "{}");
        provisionLog.appendAll(List.of(logged));

        Map<String, Boolean> duplicateGroup = inOneGroup(entry(UUID.randomUUID(), "{}"), logged);
        assertThat(duplicateGroup).containsExactly(Map.entry("first", true), Map.entry("second", false));

        ProvisionLogEntry beside = entry(UUID.randomUUID(), "{}");
        Map<String, Boolean> malformedGroup = inOneGroup(beside, entry(UUID.randomUUID(), "not json"));
        assertThat(malformedGroup).containsExactly(Map.entry("first", true), Map.entry("second", false));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM provision_log WHERE id = ?", Long.class, beside.id()))
                .isEqualTo(1);
        JsonNode verification = http.get(VERIFICATION, auditor).expect(200).json();
        assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isTrue();
    }

    private static ProvisionLogEntry entry(UUID id, String criteria) {
        return new ProvisionLogEntry(0, id, Instant.now(), "group-test", null, null, null, null, "RESIDENT_CODE", criteria,
                "REFUSED", "AFFAIR_NOT_AUTHORISED", List.of(), false);
    }

    /**
     * Appends the two entries, each its own request, in one group commit: while a transaction of the test holds the
     * chain's head, the writer waits for it with a group of its own, so that the two appends queue up and are taken
     * together once it lets go. Answers whether each append was logged.
     */
    private Map<String, Boolean> inOneGroup(ProvisionLogEntry first, ProvisionLogEntry second) throws Exception {
        ExecutorService appenders = Executors.newFixedThreadPool(3);
        try (Connection head = dataSource.getConnection()) {
            head.setAutoCommit(false);
            try (Statement lock = head.createStatement()) {
                lock.execute("SELECT seq FROM provision_log_head FOR UPDATE");
            }
            // (It may share the test's group instead, if a seal check took the writer first: its outcome is not checked.)
            Future<?> blocking = appenders.submit(() -> logged(entry(UUID.randomUUID(), "{}"), "one", new ConcurrentHashMap<>()));
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE wait_event_type = 'Lock' AND query LIKE '%provision_log_head%'", Long.class) == 1);
            Map<String, Thread> threads = new ConcurrentHashMap<>();
            Future<Boolean> firstLogged = appenders.submit(() -> logged(first, "first", threads));
            Future<Boolean> secondLogged = appenders.submit(() -> logged(second, "second", threads));
            // Both are queued once their threads wait for the commit.
            await().atMost(Duration.ofSeconds(20)).until(() -> threads.size() == 2 && threads.values().stream()
                    .allMatch(thread -> thread.getState() == Thread.State.TIMED_WAITING));
            head.commit();
            blocking.get();
            Map<String, Boolean> logged = new LinkedHashMap<>();
            logged.put("first", firstLogged.get());
            logged.put("second", secondLogged.get());
            return logged;
        } finally {
            appenders.shutdown();
        }
    }

    private boolean logged(ProvisionLogEntry entry, String name, Map<String, Thread> threads) {
        threads.put(name, Thread.currentThread());
        try {
            provisionLog.appendAll(List.of(entry));
            return true;
        } catch (DataAccessException e) {
            return false;
        }
    }

    @Test
    void theLastEntryIsSealedWhileOnlyOperationLogRowsKeepComing() throws Exception {
        Operator operator = administration.operator(false, "IDENTITY");
        query(operator, operator.affair());
        long seq = tables.headSeq();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        // Requests without a provision-log entry from four clients, each leaving an operation-log row: the writer never
        // idles.
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int client = 0; client < 4; client++) {
                done.add(clients.submit(() -> {
                    while (tables.headCheckpointSeq() < seq && Instant.now().isBefore(deadline)) {
                        http.get(LOG + "?size=1", auditor).expect(200);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            clients.shutdown();
        }
        assertThat(tables.headCheckpointSeq()).as("the checkpoint seq once the interval has passed").isGreaterThanOrEqualTo(seq);
    }

    @Test
    void groupCommitsAreMeasuredWithoutPersonalData() {
        Operator operator = administration.operator(false, "IDENTITY");
        query(operator, operator.affair());
        String metrics = http.get("/actuator/prometheus", administration.account(Role.OPERATIONS)).expect(200).body();
        assertThat(metrics).doesNotContain(residentCode);
        for (String measured : List.of("registry_provision_log_append_seconds_count",
                "registry_provision_log_group_wait_seconds_count", "registry_provision_log_group_write_seconds_count",
                "registry_provision_log_group_size_count{log=\"provision\"}",
                "registry_provision_log_group_size_sum{log=\"provision\"}")) {
            assertThat(metrics.lines().filter(line -> line.startsWith(measured + " ")).findFirst())
                    .as(measured).get().satisfies(line -> assertThat(Double.parseDouble(line.substring(measured.length() + 1)))
                            .isGreaterThanOrEqualTo(1));
        }
    }

    @Test
    void pagesFollowTheCursorAfterASeqAsTheyFollowPageNumbers() {
        Operator operator = administration.operator(false, "IDENTITY");
        List<String> ids = List.of(query(operator, operator.affair()), query(operator, operator.affair()),
                query(operator, operator.affair()));
        String byOperator = LOG + "?operatorId=" + operator.id() + "&size=2";
        JsonNode first = http.get(byOperator, auditor).expect(200).json();
        assertThat(first.get("entries")).extracting(entry -> entry.get("id").asText()).containsExactlyElementsOf(ids.subList(0, 2));
        assertThat(first.get("next").asLong()).isEqualTo(first.get("entries").get(1).get("seq").asLong());
        JsonNode after = http.get(byOperator + "&after=" + first.get("next").asLong(), auditor).expect(200).json();
        assertThat(after.get("entries")).extracting(entry -> entry.get("id").asText()).containsExactly(ids.get(2));
        assertThat(after.has("next")).as("no page after a partial one").isFalse();
        assertThat(http.get(byOperator + "&page=1", auditor).expect(200).json().get("entries"))
                .extracting(entry -> entry.get("id").asText()).containsExactly(ids.get(2));
    }

    @Test
    void badFiltersAreFieldErrors() {
        JsonNode problem = http.get(LOG + "?from=yesterday&outcome=MAYBE&residentCode=123&size=0&after=-1", auditor)
                .expect(400).json();
        assertThat(problem.get("errors")).extracting(error -> error.get("field").asText())
                .containsExactlyInAnyOrder("from", "outcome", "residentCode", "size", "after");
    }
}
