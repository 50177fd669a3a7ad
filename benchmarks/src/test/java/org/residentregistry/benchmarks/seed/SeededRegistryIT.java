package org.residentregistry.benchmarks.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.residentregistry.benchmarks.prefecture.ChangeReason;
import org.residentregistry.benchmarks.prefecture.Notification;
import org.residentregistry.benchmarks.prefecture.NotificationBatch;
import org.residentregistry.benchmarks.prefecture.NotificationJson;
import org.residentregistry.benchmarks.prefecture.SyntheticPrefecture;
import org.residentregistry.benchmarks.suite.PackagedJars;
import org.residentregistry.benchmarks.suite.environment.Accounts;
import org.residentregistry.benchmarks.suite.environment.Database;
import org.residentregistry.benchmarks.suite.environment.EmbeddedDatabase;
import org.residentregistry.benchmarks.suite.environment.RegistryHttp;
import org.residentregistry.benchmarks.suite.environment.ServerProcess;
import org.residentregistry.core.prefecture.Municipality;

/**
 * The seeder writes what the server writes: the same synthetic residents loaded once through the HTTP API into one
 * database and seeded into another of the same PostgreSQL, then compared table by table (what differs by nature
 * left out: event ids, positions, stamps and times of receipt), and the seeded registry served by the server:
 * the replay tools find its read models as its events say, it answers as the loaded one, and it applies new
 * notifications on top of the seeded events.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeededRegistryIT {

    private static final String ADMIN_TOKEN = Accounts.newToken();
    private static final double MOVED_SHARE = 0.25;
    private static final LocalDate MOVED_ON = LocalDate.of(2026, 5, 1);
    private static final SyntheticPrefecture PREFECTURE = SyntheticPrefecture.saitama(11, 2_000);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedDatabase postgres;
    private static Database loaded;
    private static Database seeded;
    private static ServerProcess loadedServer;
    private static ServerProcess seededServer;
    private static List<List<Notification>> histories;
    private static RegistrySeeder.Result seeding;

    @BeforeAll
    static void loadOneRegistryThroughTheApiAndSeedTheOther() throws Exception {
        Path work = Files.createDirectories(Path.of("target/it-seed")).toAbsolutePath();
        postgres = EmbeddedDatabase.start(work, Map.of(), false);
        loaded = postgres.database();
        loaded.execute("CREATE DATABASE seeded");
        seeded = new Database(loaded.jdbcUrl().replace("/postgres?", "/seeded?"), loaded.user(), loaded.password());
        histories = PREFECTURE.municipalities().stream()
                .flatMap(m -> PREFECTURE.initialLoadWithMoves(m, MOVED_SHARE, MOVED_ON)).toList();

        CompletableFuture<ServerProcess> schemaOnly = CompletableFuture.supplyAsync(() -> start(seeded, "schema"));
        loadedServer = start(loaded, "loaded");
        schemaOnly.join().close();
        seeding = new RegistrySeeder(seeded).seed(PREFECTURE,
                new RegistrySeeder.Settings(MOVED_SHARE, MOVED_ON, 2, 300));
        CompletableFuture<ServerProcess> seededStart = CompletableFuture.supplyAsync(() -> start(seeded, "seeded"));
        loadThroughTheApi();
        seededServer = seededStart.join();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {seededServer, loadedServer, postgres}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void everyTableHoldsWhatTheServerWroteForTheSameNotifications() throws Exception {
        long events = histories.stream().mapToLong(List::size).sum();
        assertThat(seeding.residents()).isEqualTo(2_000);
        assertThat(seeding.events()).isEqualTo(events).isGreaterThan(2_300);
        String payloadWithoutReceipt = "(convert_from(payload, 'UTF8')::jsonb - 'receivedAt')::text";
        String metaDataKeys = "(SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(convert_from(meta_data, 'UTF8')::jsonb) k)";
        String eventRows = "SELECT aggregate_identifier, sequence_number, type, payload_type, payload_revision, "
                + payloadWithoutReceipt + ", " + metaDataKeys + " FROM domain_event_entry";
        assertSameRows(eventRows);
        for (String readModel : List.of("identity_current", "identity_version", "identity_notification")) {
            assertSameRows(allColumnsBut(readModel, Set.of("received_at")));
        }
        for (String table : List.of("identity_search", "individual_number_holder", "municipality_sequence")) {
            assertSameRows(allColumnsBut(table, Set.of()));
        }
        // Received on other days: counted by municipality and reason alike.
        assertSameRows("SELECT municipality_code, change_reason, sum(applied) FROM identity_update_statistics"
                + " GROUP BY municipality_code, change_reason");
        assertThat(seeded.queryLong("SELECT count(*) FROM relay_outbox")).as("delivered, as a relayed registry has it")
                .isZero();
    }

    @Test
    void theReplayToolsFindTheSeededReadModelsAsTheEventsSayThem() throws Exception {
        Process check = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", PackagedJars.REPLAY_TOOLS.toString(), "check-projections", "--all", "--jdbc-url",
                seeded.jdbcUrl(), "--user", seeded.user())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output).contains("2000 resident codes").contains(seeding.events() + " events");
    }

    @Test
    void theApiAnswersASeededResidentAsOneLoadedThroughIt() throws Exception {
        List<Notification> moved = histories.stream().filter(h -> h.size() == 2).findFirst().orElseThrow();
        String code = moved.get(0).residentCode().value();
        Answers fromLoaded = answers(loadedServer, code);
        Answers fromSeeded = answers(seededServer, code);
        assertThat(fromSeeded.record().get("version").asInt()).isEqualTo(2);
        assertThat(fromSeeded.record()).isEqualTo(fromLoaded.record());
        assertThat(fromSeeded.history()).isEqualTo(fromLoaded.history());
        assertThat(fromSeeded.asOfBeforeTheMove()).isEqualTo(fromLoaded.asOfBeforeTheMove());
        assertThat(fromSeeded.asOfBeforeTheMove().get("version").asInt()).isEqualTo(1);
    }

    /** Last: it adds to the seeded registry, which the other tests compare with the loaded one. */
    @Test
    @Order(Integer.MAX_VALUE)
    void newNotificationsAreDecidedOnTheSeededEvents() throws Exception {
        List<Notification> moved = histories.stream().filter(h -> h.size() == 2).skip(1).findFirst().orElseThrow();
        Notification second = moved.get(1);
        RegistryHttp http = new RegistryHttp(seededServer.base());
        Accounts accounts = Accounts.create(http, ADMIN_TOKEN, List.of(municipality(second)));
        String cs = accounts.municipalServerToken(second.municipalityCode());

        JsonNode resend = send(http, cs, second);
        assertThat(resend.get("status").asText()).as("the seeded ledger knows the notification").isEqualTo("DUPLICATE");
        assertThat(resend.get("version").asInt()).isEqualTo(2);

        JsonNode next = send(http, cs, withSequence(second, 1_000_000));
        assertThat(next.get("status").asText()).isEqualTo("APPLIED");
        assertThat(next.get("version").asInt()).as("the aggregate loaded from the seeded events").isEqualTo(3);
        assertThat(send(http, cs, withSequence(second, 999_999)).get("reason").asText()).isEqualTo("OUT_OF_ORDER");

        Notification numberTaken = histories.stream().filter(h -> h.size() == 1).findFirst().orElseThrow().get(0);
        JsonNode conflict = send(http, cs, new Notification(second.municipalityCode(), 1_000_001,
                second.residentCode(), null, ChangeReason.INDIVIDUAL_NUMBER_CHANGE, second.changeDate(), second.notifiedAt(),
                second.operatorId(), second.terminalId(), second.name(), second.formerSurname(), second.birthDate(),
                second.sex(), second.address(), numberTaken.individualNumber(), second.gaijiFlag()));
        assertThat(conflict.get("reason").asText()).as("the seeded holders keep numbers unique")
                .isEqualTo("INDIVIDUAL_NUMBER_CONFLICT");
    }

    private record Answers(JsonNode record, JsonNode history, JsonNode asOfBeforeTheMove) {
    }

    /** A resident's record now and before the move, and history, without the times of receipt (loaded today). */
    private static Answers answers(ServerProcess server, String code) throws Exception {
        RegistryHttp http = new RegistryHttp(server.base());
        Accounts accounts = Accounts.create(http, ADMIN_TOKEN, List.of());
        String auditor = Accounts.newToken();
        http.post("/api/v1/admin/accounts", ADMIN_TOKEN, Map.of("id", "auditor-" + System.nanoTime(), "role", "AUDITOR",
                "token", auditor)).expect(201, "auditor account");
        String query = "/api/v1/identity/residents/" + code + "?affair=" + accounts.operator().affair();
        JsonNode record = withoutReceipt(http.get(query, accounts.operator().token()).expect(200, "record"));
        JsonNode history = withoutReceipt(http.get("/api/v1/audit/identity/residents/" + code + "/history", auditor)
                .expect(200, "history"));
        JsonNode before = withoutReceipt(http.get(query + "&asOf=" + beforeTheMove(server, code),
                accounts.operator().token()).expect(200, "record before the move"));
        return new Answers(record, history, before);
    }

    /** Between the two versions' receipt in either registry: just after the first version was received. */
    private static String beforeTheMove(ServerProcess server, String code) throws SQLException {
        Database database = server == seededServer ? seeded : loaded;
        return database.queryValue("SELECT to_char((received_at + interval '1 millisecond') AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') FROM identity_version WHERE version = 1 AND resident_code = '"
                + code + "'");
    }

    private static JsonNode withoutReceipt(RegistryHttp.Reply reply) throws IOException {
        JsonNode json = JSON.readTree(reply.body());
        strip(json);
        return json;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("receivedAt");
        }
        node.forEach(SeededRegistryIT::strip);
    }

    private static JsonNode send(RegistryHttp http, String token, Notification n) throws Exception {
        RegistryHttp.Reply reply = http.post("/api/v1/identity/notifications", token,
                new NotificationJson().bytes(new NotificationBatch(List.of(n)))).expect(200, "notification");
        return JSON.readTree(reply.body()).get("results").get(0);
    }

    private static Notification withSequence(Notification n, long sequence) {
        return new Notification(n.municipalityCode(), sequence, n.residentCode(), n.previousResidentCode(),
                n.changeReason(), n.changeDate(), n.notifiedAt(), n.operatorId(), n.terminalId(), n.name(),
                n.formerSurname(), n.birthDate(), n.sex(), n.address(), n.individualNumber(), n.gaijiFlag());
    }

    private static Municipality municipality(Notification n) {
        return PREFECTURE.municipalities().stream().filter(m -> m.code().equals(n.municipalityCode())).findFirst()
                .orElseThrow();
    }

    /** Each municipality's first versions, then its moves, in batches, as its CS sends them. */
    private static void loadThroughTheApi() throws Exception {
        RegistryHttp http = new RegistryHttp(loadedServer.base());
        Accounts accounts = Accounts.create(http, ADMIN_TOKEN, PREFECTURE.municipalities());
        NotificationJson json = new NotificationJson();
        for (int version = 0; version < 2; version++) {
            for (Municipality m : PREFECTURE.municipalities()) {
                int v = version;
                List<Notification> sent = histories.stream().filter(h -> h.size() > v
                        && h.get(0).municipalityCode().equals(m.code())).map(h -> h.get(v)).toList();
                for (int from = 0; from < sent.size(); from += NotificationBatch.MAX_ITEMS) {
                    List<Notification> batch = sent.subList(from, Math.min(sent.size(), from + NotificationBatch.MAX_ITEMS));
                    RegistryHttp.Reply reply = http.post("/api/v1/identity/notifications",
                            accounts.municipalServerToken(m.code()), json.bytes(new NotificationBatch(batch)))
                            .expect(200, "notifications");
                    JSON.readTree(reply.body()).get("results").forEach(r ->
                            assertThat(r.get("status").asText()).isEqualTo("APPLIED"));
                }
            }
        }
    }

    private static String allColumnsBut(String table, Set<String> excluded) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection c = loaded.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_name = '"
                     + table + "' ORDER BY ordinal_position")) {
            while (rs.next()) {
                if (!excluded.contains(rs.getString(1))) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return "SELECT " + String.join(", ", columns) + " FROM " + table;
    }

    private static void assertSameRows(String select) throws SQLException {
        List<String> fromSeeded = rows(seeded, select);
        assertThat(fromSeeded).as(select).isNotEmpty().isEqualTo(rows(loaded, select));
    }

    /** Every row as text, in one order (sorted here: the server's and the seeder's insertion orders differ). */
    private static List<String> rows(Database database, String select) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(select)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(rs.getString(i)).append('|');
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        return rows;
    }

    private static ServerProcess start(Database database, String name) {
        try {
            return ServerProcess.start(new ServerProcess.Launch(PackagedJars.SERVER, "512m", List.of(),
                    Duration.ofMinutes(10), Path.of("target/it-seed", name)), database, ADMIN_TOKEN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
