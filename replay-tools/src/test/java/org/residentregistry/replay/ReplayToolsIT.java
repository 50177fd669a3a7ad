package org.residentregistry.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.residentregistry.api.HttpTestClient;
import org.residentregistry.api.support.Notifications;
import org.residentregistry.api.support.RegistryServerProcess;
import org.residentregistry.projections.provision.CheckpointKey;
import org.residentregistry.projections.provision.ProvisionLogPurge;

/**
 * The replay tools against the packaged server's own PostgreSQL: notifications go in through the HTTP interface as
 * a municipal server sends them, and the tool, run in-process as its command line runs it, reads them back from the
 * event store.
 */
class ReplayToolsIT {

    private static final String BOOTSTRAP_ADMIN_TOKEN = "bootstrap-admin-token-for-replay-tools-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Reads stored payloads keeping every digit of an instant's nanoseconds. */
    private static final ObjectMapper STORED = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static RegistryServerProcess server;
    private static Path dataDir;
    private static String jdbcUrl;
    private static HttpTestClient http;

    /** Resident A at Kawaguchi: moved in, moved within, died; with the instants between the three versions. */
    private static String movedAndDied;
    private static Instant beforeMoveIn;
    private static Instant afterMoveIn;
    private static Instant afterMoveWithin;
    private static Instant afterDeath;
    /** Resident A in the overseas-address file too, after the death: recorded by Kawaguchi, then modified. */
    private static Instant afterOverseasRecord;
    private static Instant afterOverseasModify;
    /** Resident B at Saitama City, whose resident code changed from {@code oldCode} to {@code newCode}. */
    private static String oldCode;
    private static String newCode;

    @BeforeAll
    static void startTheServerAndSendNotifications() throws Exception {
        dataDir = Path.of("target/it-data", UUID.randomUUID().toString());
        // A checkpoint after every entry, so that a verification checks checkpoints at once.
        server = RegistryServerProcess.start(dataDir, "--registry.bootstrap-admin-token=" + BOOTSTRAP_ADMIN_TOKEN,
                "--registry.provision-log.checkpoint-every=1");
        server.awaitHealthy(Duration.ofMinutes(3)); // as the crash tests: a loaded machine starts it slowly
        jdbcUrl = "jdbc:postgresql://localhost:" + server.postmaster().orElseThrow().port() + "/postgres";
        http = new HttpTestClient(server.uri("/"));
        String kawaguchi = municipalServer(http, Notifications.KAWAGUCHI);
        String saitama = municipalServer(http, Notifications.SAITAMA);

        Map<String, Object> moveIn = Notifications.moveIn(Notifications.KAWAGUCHI);
        // Nanoseconds, which PostgreSQL does not keep: the check must compare at the database's precision.
        moveIn.put("notifiedAt", OffsetDateTime.parse((String) moveIn.get("notifiedAt")).withNano(123_456_789).toString());
        movedAndDied = (String) moveIn.get("residentCode");
        beforeMoveIn = Instant.now();
        applied(http, kawaguchi, moveIn);
        afterMoveIn = Instant.now();
        Map<String, Object> moveWithin = Notifications.next(moveIn, Notifications.KAWAGUCHI, "MOVE_WITHIN");
        moveWithin.put("address", Notifications.address("埼玉県川口市本町二丁目２番２号"));
        applied(http, kawaguchi, moveWithin);
        afterMoveWithin = Instant.now();
        applied(http, kawaguchi, Notifications.next(moveWithin, Notifications.KAWAGUCHI, "DEATH"));
        afterDeath = Instant.now();
        Map<String, Object> overseas = overseasRecord(moveIn);
        overseasApplied(http, kawaguchi, overseas);
        afterOverseasRecord = Instant.now();
        Map<String, Object> modify = new LinkedHashMap<>(overseas);
        modify.put("updateSequence", Notifications.nextSequence());
        modify.put("changeKind", "MODIFY");
        modify.put("address", Map.of("text", "カナダ", "gaijiCount", 0));
        modify.put("lastDomesticAddress", Map.of("text", "埼玉県川口市本町二丁目２番２号", "gaijiCount", 0));
        overseasApplied(http, kawaguchi, modify);
        afterOverseasModify = Instant.now();

        Map<String, Object> recorded = Notifications.moveIn(Notifications.SAITAMA);
        oldCode = (String) recorded.get("residentCode");
        newCode = Notifications.newResidentCode();
        applied(http, saitama, recorded);
        Map<String, Object> codeChange = Notifications.next(recorded, Notifications.SAITAMA, "RESIDENT_CODE_CHANGE");
        codeChange.put("residentCode", newCode);
        codeChange.put("previousResidentCode", oldCode);
        applied(http, saitama, codeChange);
    }

    @AfterAll
    static void stopTheServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void reconstructsTheRecordAsTheFileHeldItAtInstantsBetweenVersions() throws Exception {
        ToolRun before = tool("reconstruct", "--resident", movedAndDied, "--as-of", at(beforeMoveIn));
        assertThat(before.exitCode()).isEqualTo(1);
        assertThat(before.out()).contains("is not in the identity file at", "its first version was received at");

        JsonNode first = json(tool("reconstruct", "--resident", movedAndDied, "--as-of", at(afterMoveIn), "--format", "json"), 0);
        assertThat(first.at("/inFile").asBoolean()).isTrue();
        assertThat(first.at("/event").asText()).isEqualTo("ResidentRecorded");
        assertThat(first.at("/record/version").asInt()).isEqualTo(1);
        assertThat(first.at("/record/status").asText()).isEqualTo("CURRENT");
        assertThat(first.at("/record/municipalityCode").asText()).isEqualTo(Notifications.KAWAGUCHI);
        assertThat(first.at("/record/addressText").asText()).isEqualTo("埼玉県川口市本町一丁目１番１号");
        assertThat(first.at("/notification/municipalityCode").asText()).isEqualTo(Notifications.KAWAGUCHI);
        assertThat(first.at("/notification/updateSequence").asLong()).isEqualTo(first.at("/record/updateSequence").asLong());

        JsonNode second = json(tool("reconstruct", "--resident", movedAndDied, "--as-of", at(afterMoveWithin), "--format", "json"), 0);
        assertThat(second.at("/record/version").asInt()).isEqualTo(2);
        assertThat(second.at("/record/changeReason").asText()).isEqualTo("MOVE_WITHIN");
        assertThat(second.at("/record/addressText").asText()).isEqualTo("埼玉県川口市本町二丁目２番２号");
        assertThat(second.at("/notification/updateSequence").asLong()).isGreaterThan(first.at("/notification/updateSequence").asLong());

        ToolRun removed = tool("reconstruct", "--resident", movedAndDied, "--as-of", at(afterDeath));
        assertThat(removed.exitCode()).isEqualTo(0);
        assertThat(removed.out()).contains("version 3 (ResidentRemoved), REMOVED, held by " + Notifications.KAWAGUCHI)
                .containsPattern("changeReason\\s+DEATH")
                .containsPattern("addressText\\s+埼玉県川口市本町二丁目２番２号");

        // A date is the end of that day in Japan, as the server's asOf.
        String today = LocalDate.now(Instants.JAPAN).toString();
        JsonNode endOfToday = json(tool("reconstruct", "--resident", movedAndDied, "--as-of", today, "--format", "json"), 0);
        assertThat(endOfToday.at("/record/version").asInt()).isEqualTo(3);
        assertThat(endOfToday.at("/asOf").asText()).endsWith(":59:59.999999Z");
    }

    @Test
    void answersNotFoundForAnUnknownResidentAndUsageErrorsForWhatItCannotDo() {
        ToolRun unknown = tool("reconstruct", "--resident", Notifications.newResidentCode(), "--as-of", "2026-04-01");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.out()).contains("holds no events for resident code");

        ToolRun notOverseas = tool("history", "--resident", oldCode, "--file", "overseas");
        assertThat(notOverseas.exitCode()).as("a code only the identity file holds").isEqualTo(1);
        assertThat(notOverseas.out()).contains("holds no events for resident code " + oldCode + " in the overseas file");
        assertThat(tool("history", "--resident", oldCode, "--file", "annex").exitCode()).isEqualTo(2);

        assertThat(tool("reconstruct", "--resident", "12345678901", "--as-of", "2026-04-01").exitCode())
                .as("a wrong check digit").isEqualTo(2);
        assertThat(tool("reconstruct", "--resident", movedAndDied, "--as-of", "yesterday").err())
                .contains("neither an instant with an offset");
        ToolRun unreachable = ToolRun.of("history", "--resident", movedAndDied, "--jdbc-url", "jdbc:postgresql://localhost:1/postgres");
        assertThat(unreachable.exitCode()).isEqualTo(3);
        assertThat(unreachable.err()).startsWith("Database error");
    }

    @Test
    void reconstructsTheOverseasRecordAsTheOverseasFileHeldIt() throws Exception {
        ToolRun before = tool("reconstruct", "--resident", movedAndDied, "--as-of", at(afterDeath), "--file", "overseas");
        assertThat(before.exitCode()).as("the identity file's versions are not the overseas file's").isEqualTo(1);
        assertThat(before.out()).contains("is not in the overseas file at", "its first version was received at");

        ToolRun recordedRun = tool("reconstruct", "--resident", movedAndDied, "--as-of", at(afterOverseasRecord),
                "--file", "overseas", "--format", "json");
        JsonNode recorded = json(recordedRun, 0);
        assertThat(recorded.at("/file").asText()).isEqualTo("overseas");
        assertThat(recorded.at("/event").asText()).isEqualTo("OverseasRecorded");
        assertThat(recorded.at("/record/version").asInt()).isEqualTo(1);
        assertThat(recorded.at("/record/status").asText()).isEqualTo("CURRENT");
        assertThat(recorded.at("/record/changeKind").asText()).isEqualTo("RECORD");
        assertThat(recorded.at("/record/managingMunicipalityCode").asText()).isEqualTo(Notifications.KAWAGUCHI);
        assertThat(recorded.at("/record/addressText").asText()).isEqualTo("アメリカ合衆国");
        assertThat(recorded.at("/record/lastDomesticAddressText").isNull()).isTrue();
        assertThat(recorded.at("/notification/updateSequence").asLong()).isEqualTo(recorded.at("/record/updateSequence").asLong());
        // The identity file's events hold the resident's individual number; the overseas file's have none to show.
        assertThat(recordedRun.out()).doesNotContainIgnoringCase("individualNumber");

        ToolRun modified = tool("reconstruct", "--resident", movedAndDied, "--as-of", at(afterOverseasModify), "--file", "overseas");
        assertThat(modified.exitCode()).isEqualTo(0);
        assertThat(modified.out()).contains("in the overseas file at",
                        "version 2 (OverseasModified), CURRENT, managed by " + Notifications.KAWAGUCHI)
                .containsPattern("changeKind\\s+MODIFY")
                .containsPattern("addressText\\s+カナダ")
                .containsPattern("lastDomesticAddressText\\s+埼玉県川口市本町二丁目２番２号")
                .doesNotContainIgnoringCase("individualNumber");
    }

    @Test
    void listsTheHistoryOfAnOverseasRecord() throws Exception {
        JsonNode history = json(tool("history", "--resident", movedAndDied, "--file", "overseas", "--format", "json"), 0);
        assertThat(history.at("/file").asText()).isEqualTo("overseas");
        assertThat(history.at("/versions").size()).isEqualTo(2);
        assertThat(history.at("/versions/0/event").asText()).isEqualTo("OverseasRecorded");
        assertThat(history.at("/versions/0/changeKind").asText()).isEqualTo("RECORD");
        assertThat(history.at("/versions/1/event").asText()).isEqualTo("OverseasModified");
        assertThat(history.at("/versions/1/version").asInt()).isEqualTo(2);
        assertThat(history.at("/versions/1/changeKind").asText()).isEqualTo("MODIFY");
        assertThat(history.at("/versions/1/status").asText()).isEqualTo("CURRENT");
        assertThat(history.at("/versions/1/notification/municipalityCode").asText()).isEqualTo(Notifications.KAWAGUCHI);
        assertThat(history.at("/versions/1/changeReason").isMissingNode()).isTrue();

        ToolRun table = tool("history", "--resident", movedAndDied, "--file", "overseas");
        assertThat(table.out()).contains("in the overseas file: 2 version(s)", "change kind", "OverseasModified");
        assertThat(tool("history", "--resident", movedAndDied).out())
                .as("the identity file's history, without the overseas file's versions")
                .contains("in the identity file: 3 version(s)").doesNotContain("Overseas");
    }

    @Test
    void listsTheHistoryOfAResidentCodeChangeUnderBothCodes() throws Exception {
        JsonNode old = json(tool("history", "--resident", oldCode, "--format", "json"), 0);
        assertThat(old.at("/versions").size()).isEqualTo(2);
        assertThat(old.at("/versions/0/event").asText()).isEqualTo("ResidentRecorded");
        assertThat(old.at("/versions/0/changeReason").asText()).isEqualTo("MOVE_IN");
        assertThat(old.at("/versions/0/effect").asText()).isEqualTo("CURRENT_CHANGED");
        JsonNode superseded = old.at("/versions/1");
        assertThat(superseded.at("/event").asText()).isEqualTo("ResidentCodeSuperseded");
        assertThat(superseded.at("/version").asInt()).isEqualTo(2);
        assertThat(superseded.at("/changeReason").asText()).isEqualTo("RESIDENT_CODE_CHANGE");
        assertThat(superseded.at("/status").asText()).isEqualTo("REMOVED");
        assertThat(superseded.at("/supersededBy").asText()).isEqualTo(newCode);
        assertThat(superseded.at("/notification/municipalityCode").asText()).isEqualTo(Notifications.SAITAMA);
        assertThat(superseded.has("receivedAt") && superseded.has("changeDate")).isTrue();

        JsonNode continued = json(tool("history", "--resident", newCode, "--format", "json"), 0);
        assertThat(continued.at("/versions").size()).isEqualTo(1);
        assertThat(continued.at("/versions/0/event").asText()).isEqualTo("ResidentCodeChanged");
        assertThat(continued.at("/versions/0/status").asText()).isEqualTo("CURRENT");
        assertThat(continued.at("/versions/0/previousResidentCode").asText()).isEqualTo(oldCode);
        assertThat(continued.at("/versions/0/notification")).isEqualTo(superseded.at("/notification"));

        ToolRun table = tool("history", "--resident", oldCode);
        assertThat(table.exitCode()).isEqualTo(0);
        assertThat(table.out()).contains("2 version(s)", "ResidentCodeSuperseded", "continues under " + newCode);
        assertThat(tool("history", "--resident", newCode).out()).contains("continues " + oldCode);
    }

    @Test
    void exportsTheEventsReceivedInAPeriodAsStored(@TempDir Path directory) throws Exception {
        Path all = directory.resolve("all.jsonl");
        JsonNode summary = json(tool("export", "--from", at(beforeMoveIn), "--to", at(Instant.now()), "--out", all.toString(),
                "--format", "json"), 0);
        List<JsonNode> lines = lines(all);
        List<JsonNode> stored = storedEvents("ResidentIdentity");
        assertThat(stored).hasSize(6);
        assertThat(lines).containsExactlyElementsOf(stored);
        assertThat(summary.at("/exported").asInt()).isEqualTo(6);
        assertThat(Files.getPosixFilePermissions(all)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(directory.resolve("all.jsonl.partial")).doesNotExist();

        Path saitama = directory.resolve("saitama.jsonl");
        assertThat(tool("export", "--from", at(beforeMoveIn), "--to", at(Instant.now()), "--municipality",
                Notifications.SAITAMA, "--out", saitama.toString()).exitCode()).isEqualTo(0);
        assertThat(lines(saitama)).containsExactlyElementsOf(stored.stream()
                .filter(e -> e.at("/payload/notification/key/municipalityCode").asText().equals(Notifications.SAITAMA))
                .toList()).hasSize(3);

        // The end of the period is excluded; the start is included.
        Path firstVersion = directory.resolve("first.jsonl");
        tool("export", "--from", at(lines.get(0).at("/payload/receivedAt").asText()),
                "--to", at(lines.get(1).at("/payload/receivedAt").asText()), "--out", firstVersion.toString());
        assertThat(lines(firstVersion)).containsExactly(lines.get(0));

        // The overseas file's events, under the bare resident code, as only --file overseas exports them.
        Path overseas = directory.resolve("overseas.jsonl");
        assertThat(tool("export", "--file", "overseas", "--from", at(beforeMoveIn), "--to", at(Instant.now()),
                "--out", overseas.toString()).exitCode()).isEqualTo(0);
        assertThat(lines(overseas)).containsExactlyElementsOf(storedEvents("OverseasIdentity")).hasSize(2)
                .allSatisfy(line -> assertThat(line.at("/residentCode").asText()).isEqualTo(movedAndDied));
    }

    @Test
    void checkProjectionsPassesOnUntouchedReadModelsAndReportsEveryAlteredValue() throws Exception {
        assertThat(tool("check-projections", "--all").exitCode()).isEqualTo(0);
        ToolRun sample = tool("check-projections", "--sample", "10");
        assertThat(sample.exitCode()).isEqualTo(0);
        assertThat(sample.out()).contains("3 resident codes, 6 events", "no difference");

        try (Connection writable = DriverManager.getConnection(jdbcUrl, "postgres", null);
             Statement statement = writable.createStatement()) {
            statement.executeUpdate("UPDATE identity_current SET address_text = '埼玉県川口市改ざん町' WHERE resident_code = '"
                    + movedAndDied + "'");
            String firstVersion = " FROM identity_version WHERE resident_code = '" + oldCode + "' AND version = 1";
            statement.execute("CREATE TEMPORARY TABLE deleted_version AS SELECT *" + firstVersion);
            statement.executeUpdate("DELETE" + firstVersion);
            try {
                ToolRun altered = tool("check-projections", "--all");
                assertThat(altered.exitCode()).isEqualTo(1);
                assertThat(altered.out()).containsPattern(movedAndDied + "\\s+addressText\\s+埼玉県川口市本町二丁目２番２号\\s+埼玉県川口市改ざん町")
                        .containsPattern(oldCode + "\\s+identity_version rows\\s+2\\s+1")
                        .contains("3 resident codes, 6 events", "2 difference(s)");

                JsonNode report = json(tool("check-projections", "--all", "--format", "json"), 1);
                assertThat(report.at("/differences")).hasSize(2);
                assertThat(report.at("/differences/0/residentCode").asText()).isIn(movedAndDied, oldCode);
                assertThat(report.at("/summary/differences").asInt()).isEqualTo(2);
            } finally {
                statement.executeUpdate("UPDATE identity_current SET address_text = '埼玉県川口市本町二丁目２番２号' WHERE resident_code = '"
                        + movedAndDied + "'");
                statement.executeUpdate("INSERT INTO identity_version SELECT * FROM deleted_version");
            }

            ToolRun overseas = tool("check-projections", "--all", "--file", "overseas");
            assertThat(overseas.exitCode()).as(overseas.err()).isEqualTo(0);
            assertThat(overseas.out()).contains("1 resident codes, 2 events", "no difference");
            assertThat(tool("check-projections", "--sample", "10", "--file", "overseas").out()).contains("1 resident codes, 2 events");
            String overseasFirstVersion = " FROM overseas_version WHERE resident_code = '" + movedAndDied + "' AND version = 1";
            statement.execute("CREATE TEMPORARY TABLE deleted_overseas_version AS SELECT *" + overseasFirstVersion);
            statement.executeUpdate("DELETE" + overseasFirstVersion);
            statement.executeUpdate("UPDATE overseas_current SET address_text = '改ざん国' WHERE resident_code = '" + movedAndDied + "'");
            try {
                ToolRun alteredAbroad = tool("check-projections", "--all", "--file", "overseas");
                assertThat(alteredAbroad.exitCode()).isEqualTo(1);
                assertThat(alteredAbroad.out()).containsPattern(movedAndDied + "\\s+addressText\\s+カナダ\\s+改ざん国")
                        .containsPattern(movedAndDied + "\\s+overseas_version rows\\s+2\\s+1")
                        .contains("compared with overseas_current and overseas_version", "2 difference(s)");
                assertThat(tool("check-projections", "--all").exitCode()).as("the identity file's read models are untouched")
                        .isEqualTo(0);
            } finally {
                statement.executeUpdate("UPDATE overseas_current SET address_text = 'カナダ' WHERE resident_code = '" + movedAndDied + "'");
                statement.executeUpdate("INSERT INTO overseas_version SELECT * FROM deleted_overseas_version");
            }
        }
    }

    @Test
    void itsConnectionsCannotWrite() throws Exception {
        for (String url : List.of(jdbcUrl, jdbcUrl + "?readOnlyMode=ignore")) {
            try (Connection connection = ReadOnlyConnection.open(url, "postgres", null);
                 Statement statement = connection.createStatement()) {
                assertThatThrownBy(() -> statement.executeUpdate("UPDATE identity_current SET version = version"))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
                connection.rollback();
                connection.setAutoCommit(true);
                assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM identity_current"))
                        .as("outside the tool's transactions too").isInstanceOf(SQLException.class);
            }
        }
    }

    @Test
    void verifyLogChecksTheProvisionLogTheServerWroteFindsAnEditedEntryAndVerifiesWhatARetentionPurgeLeaves() throws Exception {
        String affair = "affair-verify-log";
        http.postJson("/api/v1/admin/affairs", BOOTSTRAP_ADMIN_TOKEN, Map.of("code", affair, "name", "県税の賦課徴収",
                "legalBasis", "住基法別表第五第十号", "kind", "TRANSFER", "files", List.of("IDENTITY"),
                "individualNumberAllowed", false)).expect(201);
        http.postJson("/api/v1/admin/departments", BOOTSTRAP_ADMIN_TOKEN, Map.of("id", "dept-verify-log", "name", "総務部税務課",
                "kind", "DEPARTMENT", "affairs", List.of(affair))).expect(201);
        String operator = UUID.randomUUID() + "-" + UUID.randomUUID();
        http.postJson("/api/v1/admin/accounts", BOOTSTRAP_ADMIN_TOKEN, Map.of("id", "operator-verify-log",
                "role", "DEPARTMENT_OPERATOR", "departmentId", "dept-verify-log", "token", operator)).expect(201);
        for (String code : List.of(movedAndDied, oldCode, newCode)) {
            http.get("/api/v1/identity/residents/" + code + "?affair=" + affair, operator).expect(200);
        }
        Path key = dataDir.resolve("provision-log-checkpoint.key");
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        JsonNode valid = json(tool("verify-log", "--key-file", key.toString(), "--format", "json"), 0);
        assertThat(valid.at("/valid").asBoolean()).isTrue();
        assertThat(valid.at("/entriesChecked").asLong()).isEqualTo(3);
        assertThat(valid.at("/sealedUpTo").asLong()).isEqualTo(3);

        Path otherKey = dataDir.resolve("another.key");
        Files.writeString(otherKey, Base64.getEncoder().encodeToString(new byte[32]));
        ToolRun forged = tool("verify-log", "--key-file", otherKey.toString());
        assertThat(forged.exitCode()).isEqualTo(1);
        assertThat(forged.out()).contains("NOT valid from seq 1: CHECKPOINT_FORGED");

        withTriggersDisabled("provision_log", "UPDATE provision_log SET terminal_id = 'elsewhere' WHERE seq = 2");
        ToolRun edited = tool("verify-log", "--key-file", key.toString());
        assertThat(edited.exitCode()).isEqualTo(1);
        assertThat(edited.out()).contains("NOT valid from seq 2: ENTRY_HASH_MISMATCH");
        assertThat(tool("verify-log", "--key-file", dataDir.resolve("no-such.key").toString()).exitCode()).isEqualTo(2);

        // A retention purge as the server's purge run makes it, of every segment (the edited entry's included): the
        // log verifies from the checkpoint kept at the cut, until the purge's record is deleted by hand.
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", null)) {
            connection.setAutoCommit(false);
            ProvisionLogPurge purge = new ProvisionLogPurge(CheckpointKey.read(key));
            purge.record(connection, Instant.now().plusSeconds(3600), Instant.now());
            connection.commit();
            while (purge.eraseBatch(connection, 1).entries() > 0) {
                connection.commit();
            }
            connection.commit();
        }
        ToolRun purged = tool("verify-log", "--key-file", key.toString());
        assertThat(purged.exitCode()).as(purged.out()).isEqualTo(0);
        assertThat(purged.out()).contains("0 entries and 1 checkpoints checked", "erased by retention through seq 3");
        withTriggersDisabled("provision_log_purge", "DELETE FROM provision_log_purge");
        ToolRun unrecorded = tool("verify-log", "--key-file", key.toString());
        assertThat(unrecorded.exitCode()).isEqualTo(1);
        assertThat(unrecorded.out()).contains("NOT valid from seq 1: ENTRY_MISSING");
    }

    /** A change committed behind the registry's back by the owner, who disables a log table's append-only triggers. */
    private static void withTriggersDisabled(String table, String change) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", null);
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + table + " DISABLE TRIGGER USER");
            statement.execute(change);
            statement.execute("ALTER TABLE " + table + " ENABLE ALWAYS TRIGGER " + table + "_append_only");
            statement.execute("ALTER TABLE " + table + " ENABLE ALWAYS TRIGGER " + table + "_no_truncate");
        }
    }

    /** One file's events of the store (by aggregate type) as the export writes them, in global order. */
    private static List<JsonNode> storedEvents(String aggregateType) throws SQLException, IOException {
        List<JsonNode> events = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", null);
             var rows = connection.createStatement().executeQuery("SELECT global_index,"
                     + " regexp_replace(aggregate_identifier, '^overseas-', ''), sequence_number,"
                     + " payload_type, payload_revision, payload FROM domain_event_entry WHERE type = '" + aggregateType + "'"
                     + " ORDER BY global_index")) {
            while (rows.next()) {
                JsonNode event = JSON.createObjectNode()
                        .put("globalIndex", rows.getLong(1))
                        .put("residentCode", rows.getString(2))
                        .put("sequenceNumber", rows.getLong(3))
                        .put("eventType", rows.getString(4))
                        .put("payloadRevision", rows.getString(5))
                        .set("payload", withTextDates(STORED.readTree(rows.getBytes(6))));
                // Through text, as the lines are read: numbers compare by their JSON form, not their Java type.
                events.add(JSON.readTree(event.toString()));
            }
        }
        return events;
    }

    /**
     * A stored payload with its dates and instants, which the store holds as {@code [year, month, day]} and as seconds
     * with nanoseconds, in the ISO-8601 text the export writes them in.
     */
    private static JsonNode withTextDates(JsonNode node) {
        if (node.isBigDecimal()) {
            BigDecimal seconds = node.decimalValue();
            long whole = seconds.longValue();
            return TextNode.valueOf(Instant.ofEpochSecond(whole,
                    seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValueExact()).toString());
        }
        if (node.isArray() && node.size() == 3) {
            return TextNode.valueOf(LocalDate.of(node.get(0).intValue(), node.get(1).intValue(), node.get(2).intValue())
                    .toString());
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(field -> copy.set(field.getKey(), withTextDates(field.getValue())));
            return copy;
        }
        return node;
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    /** The tool's command line against the test server's database. */
    private static ToolRun tool(String... arguments) {
        return ToolRun.against(jdbcUrl, arguments);
    }

    private static JsonNode json(ToolRun run, int expectedExitCode) throws IOException {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(expectedExitCode);
        return JSON.readTree(run.out());
    }

    private static String at(Instant instant) {
        return instant.atZone(Instants.JAPAN).toOffsetDateTime().toString();
    }

    private static String at(String instant) {
        return at(Instant.parse(instant));
    }

    private static String municipalServer(HttpTestClient http, String municipality) {
        String token = UUID.randomUUID() + "-" + UUID.randomUUID();
        http.postJson("/api/v1/admin/accounts", BOOTSTRAP_ADMIN_TOKEN, Map.of("id", "cs-" + municipality,
                "role", "MUNICIPAL_CS", "municipalityCode", municipality, "token", token)).expect(201);
        return token;
    }

    /**
     * The same person's RECORD in the overseas-address file: its events share the store, under identifiers of their
     * own; every command reads them with --file overseas only (the counts and exports of the identity file's tests are
     * that file's alone).
     */
    private static Map<String, Object> overseasRecord(Map<String, Object> identity) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("municipalityCode", identity.get("municipalityCode"));
        n.put("updateSequence", Notifications.nextSequence());
        n.put("residentCode", identity.get("residentCode"));
        n.put("changeKind", "RECORD");
        n.put("changeDate", identity.get("changeDate"));
        n.put("notifiedAt", identity.get("notifiedAt"));
        n.put("operatorId", "op-7");
        n.put("terminalId", "t-1");
        n.put("name", Map.of("kanji", "山田 太郎", "kana", "ヤマダ タロウ", "gaijiCount", 0));
        n.put("birthDate", identity.get("birthDate"));
        n.put("sex", identity.get("sex"));
        n.put("address", Map.of("text", "アメリカ合衆国", "gaijiCount", 0));
        n.put("gaijiFlag", false);
        return n;
    }

    private static void overseasApplied(HttpTestClient http, String token, Map<String, Object> n) {
        JsonNode result = http.postJson("/api/v1/overseas/notifications", token, Map.of("notifications", List.of(n)))
                .expect(200).json().at("/results/0");
        assertThat(result.at("/status").asText()).as(result.toString()).isEqualTo("APPLIED");
    }

    private static void applied(HttpTestClient http, String token, Map<String, Object> notification) {
        JsonNode result = Notifications.send(http, token, List.of(notification)).expect(200).json().at("/results/0");
        assertThat(result.at("/status").asText()).as(result.toString()).isEqualTo("APPLIED");
    }
}
