package org.residentregistry.api.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.residentregistry.api.support.Notifications.KAWAGOE;
import static org.residentregistry.api.support.Notifications.KAWAGUCHI;
import static org.residentregistry.api.support.Notifications.address;
import static org.residentregistry.api.support.Notifications.moveIn;
import static org.residentregistry.api.support.Notifications.next;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.eventstore.GapSafeJdbcEventStorageEngine;
import org.residentregistry.api.identity.IdentityNotificationReader;
import org.residentregistry.api.identity.NotificationIntake;
import org.residentregistry.api.security.Role;
import org.residentregistry.api.support.Notifications;
import org.residentregistry.api.support.OverseasNotifications;
import org.residentregistry.core.search.AddressSearchKey;
import org.residentregistry.projections.EventStoreJson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Read models rebuilt from the event store while notifications keep arriving, then switched to without downtime. */
class ReadModelRebuildTest extends ApiIntegrationTest {

    /** Each rebuildable read model and its views. */
    private static final Map<String, List<String>> MODELS = Map.of(
            "identity-file", List.of("identity_current", "identity_version"),
            "identity-search", List.of("identity_search"),
            "overseas-file", List.of("overseas_current", "overseas_version", "overseas_search"));

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    NotificationIntake intake;
    @Autowired
    IdentityNotificationReader reader;
    @Autowired
    DataSource dataSource;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    GapSafeJdbcEventStorageEngine storageEngine;
    @Autowired
    AddressSearchKey addressKey;

    /** Rebuilds every model at once (one rebuild per model may run) and answers each finished rebuild's status. */
    private Map<String, JsonNode> rebuildToCompletion(String admin) {
        Map<String, String> paths = new LinkedHashMap<>();
        MODELS.keySet().forEach(model -> paths.put(model, "/api/v1/admin/read-models/" + model + "/rebuilds/"
                + http.post("/api/v1/admin/read-models/" + model + "/rebuilds", admin, "").expect(202).json().get("id").asText()));
        Map<String, JsonNode> finished = new LinkedHashMap<>();
        paths.forEach((model, path) -> {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> http.get(path, admin).expect(200).json().get("state").asText().equals("COMPLETED"));
            finished.put(model, http.get(path, admin).json());
        });
        return finished;
    }

    @Test
    void aRebuildUnderIngestEndsIdenticalToAFreshReplayAndLosesNothingAcknowledged() throws Exception {
        String admin = administration.account(Role.ADMINISTRATOR);
        String kawaguchi = administration.municipalServer(KAWAGUCHI);
        List<Map<String, Object>> acknowledged = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                batch.add(moveIn(KAWAGUCHI));
            }
            Notifications.send(http, kawaguchi, batch).expect(200);
            acknowledged.addAll(batch);
        }
        JsonNode generationsBefore = http.get("/api/v1/admin/read-models", admin).expect(200).json();
        Map<String, List<String>> settingsBefore = new HashMap<>();
        MODELS.forEach((model, views) -> views.forEach(view -> settingsBefore.put(view,
                planningSettings(view + "_g" + generationsBefore.get(model).asInt()))));

        AtomicBoolean ingesting = new AtomicBoolean(true);
        List<Map<String, Object>> overseasAcknowledged = new CopyOnWriteArrayList<>();
        CompletableFuture<List<Map<String, Object>>> ingest = CompletableFuture.supplyAsync(() -> {
            List<Map<String, Object>> sent = new ArrayList<>();
            int round = 0;
            while (ingesting.get()) {
                Map<String, Object> resident = moveIn(KAWAGUCHI);
                Map<String, Object> move = next(resident, KAWAGUCHI, "MOVE_WITHIN");
                move.put("address", address("埼玉県川口市本町二丁目" + (++round) + "番１号"));
                Notifications.send(http, kawaguchi, List.of(resident, move)).expect(200);
                sent.add(move);
                Map<String, Object> abroad = OverseasNotifications.record(KAWAGUCHI);
                Map<String, Object> movedOn = OverseasNotifications.next(abroad, KAWAGUCHI, "MODIFY");
                movedOn.put("address", Map.of("text", "フランス共和国パリ市" + round + "区", "gaijiCount", 0));
                OverseasNotifications.send(http, kawaguchi, List.of(abroad, movedOn)).expect(200);
                overseasAcknowledged.add(movedOn);
            }
            return sent;
        });
        Map<String, JsonNode> rebuilds = rebuildToCompletion(admin);
        ingesting.set(false);
        acknowledged.addAll(ingest.get());

        JsonNode generations = http.get("/api/v1/admin/read-models", admin).json();
        rebuilds.forEach((model, rebuild) -> {
            int before = generationsBefore.get(model).asInt();
            assertThat(rebuild.get("generation").asInt()).isGreaterThan(before);
            assertThat(Instant.parse(rebuild.get("loadedAt").asText())).as("bulk-loaded, then caught up, then switched")
                    .isBeforeOrEqualTo(Instant.parse(rebuild.get("switchedAt").asText()));
            assertThat(generations.get(model).asInt()).isEqualTo(rebuild.get("generation").asInt());
            MODELS.get(model).forEach(view -> assertThat(jdbc.queryForObject("SELECT to_regclass(?) IS NULL", Boolean.class,
                    view + "_g" + before)).as("the old generation of " + view + " is dropped").isTrue());
            MODELS.get(model).forEach(view -> assertThat(planningSettings(view + "_g" + rebuild.get("generation").asInt()))
                    .as("the planner's settings of " + view + " are kept").isEqualTo(settingsBefore.get(view)));
        });
        for (Map<String, Object> item : acknowledged) {
            assertThat(jdbc.queryForObject("SELECT address_text FROM identity_current WHERE resident_code = ?", String.class,
                    item.get("residentCode"))).isEqualTo(((Map<?, ?>) item.get("address")).get("text"));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM identity_search s JOIN identity_current c USING (resident_code)"
                    + " WHERE s.resident_code = ? AND s.current AND s.name_kind = 'NAME' AND s.version = c.version", Long.class,
                    item.get("residentCode"))).as("the acknowledged version is the one searched").isEqualTo(1);
        }
        assertThat(overseasAcknowledged).isNotEmpty();
        for (Map<String, Object> item : overseasAcknowledged) {
            assertThat(jdbc.queryForObject("SELECT address_text FROM overseas_current WHERE resident_code = ?", String.class,
                    item.get("residentCode"))).isEqualTo(((Map<?, ?>) item.get("address")).get("text"));
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM identity_version", Long.class))
                .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier NOT LIKE 'overseas-%'", Long.class));

        List<String> views = MODELS.values().stream().flatMap(List::stream).toList();
        views.forEach(view -> jdbc.execute("CREATE TABLE rebuild_test_" + view + " AS SELECT * FROM " + view));
        try {
            rebuildToCompletion(admin);
            for (String view : views) {
                String copy = "rebuild_test_" + view;
                assertThat(jdbc.queryForObject("SELECT count(*) FROM ((SELECT * FROM " + view + " EXCEPT SELECT * FROM " + copy
                        + ") UNION ALL (SELECT * FROM " + copy + " EXCEPT SELECT * FROM " + view + ")) d", Long.class))
                        .as(view + " after a rebuild under ingest equals a fresh replay").isZero();
            }
        } finally {
            views.forEach(view -> jdbc.execute("DROP TABLE rebuild_test_" + view));
        }
    }

    /**
     * Events the store wrote before it wrote dates and instants as numbers (ISO-8601 text, as {@link EventStoreJson#mapper()}
     * still writes them) read as they did, with no upcaster: the resident's entry decides the next notification on
     * them, and a rebuild makes of them the rows the live projections made.
     */
    @Test
    void eventsStoredWithDatesAsTextReadAsBeforeAndRebuildIntoTheSameRows() throws Exception {
        String admin = administration.account(Role.ADMINISTRATOR);
        String kawaguchi = administration.municipalServer(KAWAGUCHI);
        Map<String, Object> resident = moveIn(KAWAGUCHI);
        Map<String, Object> moved = next(resident, KAWAGUCHI, "MOVE_WITHIN");
        moved.put("address", address("埼玉県川口市本町三丁目３番３号"));
        Notifications.send(http, kawaguchi, List.of(resident, moved)).expect(200);
        Map<String, Object> abroad = OverseasNotifications.record(KAWAGUCHI);
        OverseasNotifications.send(http, kawaguchi, List.of(abroad)).expect(200);
        String code = (String) resident.get("residentCode");
        String[] aggregates = {code, "overseas-" + abroad.get("residentCode")};
        String receivedAtType = "SELECT DISTINCT jsonb_typeof(convert_from(payload, 'UTF8')::jsonb -> 'receivedAt')"
                + " FROM domain_event_entry WHERE aggregate_identifier = ANY (?)";
        assertThat(jdbc.queryForList(receivedAtType, String.class, (Object) aggregates)).containsExactly("number");

        ObjectMapper asText = EventStoreJson.mapper();
        List<Map<String, Object>> stored = jdbc.queryForList("SELECT global_index, payload_type, payload_revision, payload"
                + " FROM domain_event_entry WHERE aggregate_identifier = ANY (?)", (Object) aggregates);
        for (Map<String, Object> event : stored) {
            Object payload = eventSerializer.deserialize(new SimpleSerializedObject<>((byte[]) event.get("payload"),
                    byte[].class, (String) event.get("payload_type"), (String) event.get("payload_revision")));
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", asText.writeValueAsBytes(payload),
                    event.get("global_index"));
        }
        assertThat(stored).hasSize(3);
        assertThat(jdbc.queryForList(receivedAtType, String.class, (Object) aggregates)).containsExactly("string");

        Map<String, Object> movedAgain = next(moved, KAWAGUCHI, "MOVE_WITHIN");
        movedAgain.put("address", address("埼玉県川口市本町四丁目４番４号"));
        JsonNode applied = Notifications.send(http, kawaguchi, List.of(movedAgain)).expect(200).json().get("results").get(0);
        assertThat(applied.get("status").asText()).as("decided on the record the text-form events hold").isEqualTo("APPLIED");
        assertThat(applied.get("version").asInt()).isEqualTo(3);

        Map<String, List<Map<String, Object>>> projected = rowsOf(code, (String) abroad.get("residentCode"));
        rebuildToCompletion(admin);
        assertThat(rowsOf(code, (String) abroad.get("residentCode"))).isEqualTo(projected);
        assertThat(projected.get("identity_version")).hasSize(3);
    }

    /** The rows of every rebuildable view for two residents: one in the identity file, one in the overseas file. */
    private Map<String, List<Map<String, Object>>> rowsOf(String identityCode, String overseasCode) {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        MODELS.values().stream().flatMap(List::stream).sorted().forEach(view -> rows.put(view, jdbc.queryForList(
                "SELECT * FROM " + view + " WHERE resident_code = ? ORDER BY " + (view.endsWith("_current") ? "1" : "1, 2, 3"),
                view.startsWith("overseas") ? overseasCode : identityCode)));
        return rows;
    }

    /**
     * An append that commits after the bulk read went past its position (a lower global index than events read before
     * it) is a gap the read hands over to the processor: the rebuilt file holds it, though it committed after the load.
     */
    @Test
    void anEventCommittedAfterTheBulkReadPassedItsPositionIsInTheRebuiltFile() throws Exception {
        String admin = administration.account(Role.ADMINISTRATOR);
        String kawaguchi = administration.municipalServer(KAWAGUCHI);
        // Another municipality's: a municipality's batches wait for each other at its statistics' rows.
        Map<String, Object> late = moveIn(KAWAGOE);
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> slow = appendHeldOpen(late, appended, release);
        try {
            assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
            Notifications.send(http, kawaguchi, List.of(moveIn(KAWAGUCHI), moveIn(KAWAGUCHI))).expect(200);
            String path = "/api/v1/admin/read-models/identity-file/rebuilds/"
                    + http.post("/api/v1/admin/read-models/identity-file/rebuilds", admin, "").expect(202).json().get("id").asText();
            // The open append holds the switch back (it writes through the views); the bulk load ends meanwhile.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> http.get(path, admin).expect(200).json().hasNonNull("loadedAt"));
            JsonNode loaded = http.get(path, admin).json();
            aSecondBulkLoadStopsWithoutWriting(loaded, storageEngine::settledUpTo);
            aBulkLoadOvertakenByABatchThatOnlyChangedTheGapsStops(loaded);
            theRebuildIsTakenUpOnceNoNodeRunsIt(path, admin);
            release.countDown();
            slow.get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> http.get(path, admin).expect(200).json().get("state").asText().equals("COMPLETED"));
        } finally {
            release.countDown();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM identity_current WHERE resident_code = ?", Long.class,
                late.get("residentCode"))).as("the late append is in the rebuilt file").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM identity_version", Long.class))
                .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier NOT LIKE 'overseas-%'", Long.class));
    }

    /**
     * Another node's batch that read no event past the position (it filled a gap, or read nothing) commits while this
     * node's load reads: the position is unchanged, the gaps are not, and this load stops at its claim. The rebuild is
     * made to look unloaded for this, as it was while the other node's load ran.
     */
    private void aBulkLoadOvertakenByABatchThatOnlyChangedTheGapsStops(JsonNode rebuild) {
        UUID id = UUID.fromString(rebuild.get("id").asText());
        jdbc.update("UPDATE read_model_rebuild SET loaded_at = NULL WHERE id = ?", id);
        try {
            aSecondBulkLoadStopsWithoutWriting(rebuild, () -> {
                jdbc.update("UPDATE read_model_rebuild SET bulk_gaps = array_append(bulk_gaps, -2) WHERE id = ?", id);
                return storageEngine.settledUpTo();
            });
        } finally {
            jdbc.update("UPDATE read_model_rebuild SET loaded_at = ?, bulk_gaps = array_remove(bulk_gaps, -2) WHERE id = ?",
                    Timestamp.from(Instant.parse(rebuild.get("loadedAt").asText())), id);
        }
    }

    /**
     * Another node resuming the same rebuild's bulk load (here once it is loaded: its position and gaps are the ones
     * the load ended with, the processor now writes the generation; {@code settled} is where a pass begins): it stops
     * at its claim, writes no row, and does not complete the load again (indexes, derived rows, tokens).
     */
    private void aSecondBulkLoadStopsWithoutWriting(JsonNode rebuild, LongSupplier settled) {
        int generation = rebuild.get("generation").asInt();
        RebuildableReadModel model = RebuildableReadModel.named("identity-file").orElseThrow();
        RebuildableReadModel.Generation g = new RebuildableReadModel.Generation(generation, true, jdbc, addressKey);
        List<String> tables = model.views().stream().map(g::table).toList();
        Map<String, Long> rows = new LinkedHashMap<>();
        tables.forEach(table -> rows.put(table, jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class)));
        AtomicBoolean completed = new AtomicBoolean();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        new BulkLoad(dataSource, jdbc, transactions, eventSerializer, settled,
                UUID.fromString(rebuild.get("id").asText()), tables, model.projectionsInto(g),
                readUpTo -> completed.set(true), failure::set).run();
        assertThat(failure.get()).isInstanceOf(BulkLoad.Superseded.class);
        assertThat(completed).as("the load is not completed a second time").isFalse();
        tables.forEach(table -> assertThat(jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class))
                .as("no row of " + table + " written twice").isEqualTo(rows.get(table)));
    }

    /**
     * The node running the rebuild stops it (as if it died: here it sees the rebuild finished, then no more), and the
     * rebuild, still running, shows no progress: after the take-over period a node (this one) takes it up.
     */
    private void theRebuildIsTakenUpOnceNoNodeRunsIt(String path, String admin) {
        UUID id = UUID.fromString(http.get(path, admin).json().get("id").asText());
        jdbc.update("UPDATE read_model_rebuild SET state = 'COMPLETED' WHERE id = ?", id);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> !http.get(path, admin).expect(200).json().hasNonNull("position"));
        jdbc.update("UPDATE read_model_rebuild SET state = 'RUNNING' WHERE id = ?", id);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get(path, admin).expect(200).json().hasNonNull("position"));
    }

    /**
     * A bulk load whose every batch fails (the database refuses its position; a projection that throws or an event
     * that does not deserialise fail the same way), or whose completion fails every time once it has read everything,
     * is given up after a few tries: the rebuild is FAILED, its generation's tables are dropped, the active generation
     * keeps serving, and a new rebuild can start.
     */
    @ParameterizedTest
    @ValueSource(strings = {"NEW.bulk_position > -1", "NEW.loaded_at IS NOT NULL"})
    void aBulkLoadThatKeepsFailingFailsTheRebuildAndTheActiveGenerationKeepsServing(String refusedUpdate) {
        String admin = administration.account(Role.ADMINISTRATOR);
        Notifications.send(http, administration.municipalServer(KAWAGUCHI), List.of(moveIn(KAWAGUCHI))).expect(200);
        int active = http.get("/api/v1/admin/read-models", admin).expect(200).json().get("identity-search").asInt();
        long searchable = jdbc.queryForObject("SELECT count(*) FROM identity_search", Long.class);
        jdbc.execute("CREATE FUNCTION rebuild_test_refuse() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$");
        jdbc.execute("CREATE TRIGGER rebuild_test_refuse BEFORE UPDATE ON read_model_rebuild FOR EACH ROW"
                + " WHEN (NEW.read_model = 'identity-search' AND " + refusedUpdate + ") EXECUTE FUNCTION rebuild_test_refuse()");
        JsonNode failed;
        try {
            String path = "/api/v1/admin/read-models/identity-search/rebuilds/"
                    + http.post("/api/v1/admin/read-models/identity-search/rebuilds", admin, "").expect(202).json().get("id").asText();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> http.get(path, admin).expect(200).json().get("state").asText().equals("FAILED"));
            failed = http.get(path, admin).json();
        } finally {
            jdbc.execute("DROP TRIGGER rebuild_test_refuse ON read_model_rebuild");
            jdbc.execute("DROP FUNCTION rebuild_test_refuse()");
        }
        assertThat(failed.hasNonNull("finishedAt")).isTrue();
        assertThat(jdbc.queryForObject("SELECT to_regclass(?) IS NULL", Boolean.class,
                "identity_search_g" + failed.get("generation").asInt())).as("the failed generation is dropped").isTrue();
        assertThat(http.get("/api/v1/admin/read-models", admin).json().get("identity-search").asInt()).isEqualTo(active);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM identity_search", Long.class)).isEqualTo(searchable);
        String path = "/api/v1/admin/read-models/identity-search/rebuilds/"
                + http.post("/api/v1/admin/read-models/identity-search/rebuilds", admin, "").expect(202).json().get("id").asText();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get(path, admin).expect(200).json().get("state").asText().equals("COMPLETED"));
    }

    /**
     * A node that died between a switch's commit and the end of its rebuild (the replaced generation still there, the
     * rebuild still RUNNING) leaves it to another node: that node only finishes it (drops the replaced generation,
     * marks it COMPLETED), and neither runs it again nor touches the generation now serving.
     */
    @Test
    void aRebuildSwitchedToByANodeThatDiedBeforeFinishingIsOnlyFinished() {
        String admin = administration.account(Role.ADMINISTRATOR);
        Notifications.send(http, administration.municipalServer(KAWAGUCHI), List.of(moveIn(KAWAGUCHI), moveIn(KAWAGUCHI)))
                .expect(200);
        String path = "/api/v1/admin/read-models/identity-search/rebuilds/"
                + http.post("/api/v1/admin/read-models/identity-search/rebuilds", admin, "").expect(202).json().get("id").asText();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get(path, admin).expect(200).json().get("state").asText().equals("COMPLETED"));
        JsonNode rebuild = http.get(path, admin).json();
        int serving = rebuild.get("generation").asInt();
        int replaced = jdbc.queryForObject("SELECT replaced_generation FROM read_model_rebuild WHERE id = ?::uuid",
                Integer.class, rebuild.get("id").asText());
        long searchable = jdbc.queryForObject("SELECT count(*) FROM identity_search", Long.class);
        jdbc.execute("CREATE TABLE identity_search_g" + replaced + " (LIKE identity_search_g" + serving + ")");
        jdbc.update("UPDATE read_model_rebuild SET state = 'RUNNING', finished_at = NULL WHERE id = ?::uuid",
                rebuild.get("id").asText());

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get(path, admin).expect(200).json().get("state").asText().equals("COMPLETED"));
        assertThat(jdbc.queryForObject("SELECT to_regclass(?) IS NULL", Boolean.class, "identity_search_g" + replaced))
                .as("the replaced generation is dropped").isTrue();
        assertThat(http.get("/api/v1/admin/read-models", admin).json().get("identity-search").asInt()).isEqualTo(serving);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM identity_search", Long.class)).isEqualTo(searchable);
        assertThat(http.get(path, admin).json().hasNonNull("position")).as("no node runs it again").isFalse();

        // Switched by a version that did not record the generation it replaced: finished all the same.
        jdbc.update("UPDATE read_model_rebuild SET state = 'RUNNING', finished_at = NULL, replaced_generation = NULL"
                + " WHERE id = ?::uuid", rebuild.get("id").asText());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get(path, admin).expect(200).json().get("state").asText().equals("COMPLETED"));
        assertThat(http.get("/api/v1/admin/read-models", admin).json().get("identity-search").asInt()).isEqualTo(serving);
    }

    /**
     * A node running a rebuild's processor, when another node switched to the rebuild and died before finishing it
     * (here: the rebuild's row marked as that switch marks it, the generation it replaced a table of the test's), stops
     * its processor and finishes the rebuild, rather than trying to switch to it again at every check. An append held
     * open keeps this node's own switch back meanwhile.
     */
    @Test
    void aNodeRunningARebuildAnotherNodeSwitchedToStopsItsProcessorAndFinishesIt() throws Exception {
        String admin = administration.account(Role.ADMINISTRATOR);
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> slow = appendHeldOpen(moveIn(KAWAGUCHI), appended, release);
        String replaced = "identity_search_g9000";
        Integer generation = null;
        try {
            assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
            String path = "/api/v1/admin/read-models/identity-search/rebuilds/"
                    + http.post("/api/v1/admin/read-models/identity-search/rebuilds", admin, "").expect(202).json().get("id").asText();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                JsonNode status = http.get(path, admin).expect(200).json();
                return status.hasNonNull("loadedAt") && status.hasNonNull("position");
            });
            JsonNode loaded = http.get(path, admin).json();
            generation = loaded.get("generation").asInt();
            int active = http.get("/api/v1/admin/read-models", admin).json().get("identity-search").asInt();
            jdbc.execute("CREATE TABLE " + replaced + " (LIKE identity_search_g" + active + ")");
            jdbc.update("UPDATE read_model_rebuild SET switched_at = now(), replaced_generation = 9000 WHERE id = ?::uuid",
                    loaded.get("id").asText());

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> http.get(path, admin).expect(200).json().get("state").asText().equals("COMPLETED"));
            assertThat(jdbc.queryForObject("SELECT to_regclass(?) IS NULL", Boolean.class, replaced))
                    .as("the replaced generation is dropped").isTrue();
            assertThat(http.get(path, admin).json().hasNonNull("position")).as("its processor is stopped").isFalse();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?", Long.class,
                    "rebuild-identity-search-g" + generation)).isZero();
        } finally {
            release.countDown();
            slow.get(30, TimeUnit.SECONDS);
            jdbc.execute("DROP TABLE IF EXISTS " + replaced);
            if (generation != null) {
                // Never switched to here: the other node's switch was only marked.
                jdbc.execute("DROP TABLE IF EXISTS identity_search_g" + generation);
            }
        }
    }

    /** Applies {@code notification} in a transaction held open until {@code release}, once {@code appended} says so. */
    private CompletableFuture<Void> appendHeldOpen(Map<String, Object> notification, CountDownLatch appended,
                                                   CountDownLatch release) {
        return CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            intake.apply(reader.read(JSON.valueToTree(Map.of("notifications", List.of(notification)))));
            appended.countDown();
            awaitQuietly(release);
        }));
    }

    /**
     * A table's columns' statistics targets, its storage parameters and its indexes (what each covers, not its name),
     * which the planner's choices depend on.
     */
    private List<String> planningSettings(String table) {
        return jdbc.queryForList("SELECT attname || ' ' || attstattarget FROM pg_attribute WHERE attrelid = ?::regclass"
                + " AND attstattarget >= 0 UNION ALL SELECT array_to_string(reloptions, ',') FROM pg_class"
                + " WHERE oid = ?::regclass AND reloptions IS NOT NULL UNION ALL SELECT regexp_replace("
                + "pg_get_indexdef(indexrelid), '^CREATE (UNIQUE )?INDEX \\S+ ON \\S+ ', 'INDEX \\1') FROM pg_index"
                + " WHERE indrelid = ?::regclass ORDER BY 1", String.class, table, table, table);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * An event the bulk read cannot deserialise fails the load (the read runs on a thread of its own, which hands its
     * failure over to the writing one rather than leaving it waiting), and so, repeated, the rebuild: the active
     * generation keeps serving.
     */
    @Test
    void anEventTheBulkReadCannotDeserialiseFailsTheRebuild() {
        String admin = administration.account(Role.ADMINISTRATOR);
        int active = http.get("/api/v1/admin/read-models", admin).expect(200).json().get("identity-search").asInt();
        String unreadable = "rebuild-test-unreadable";
        // A type no live processor handles, so that only the rebuild reads its payload.
        jdbc.update("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                + " time_stamp, payload_type, payload_revision, payload, meta_data) VALUES (?, ?, 0, 'Test', ?,"
                + " 'java.lang.Integer', NULL, convert_to('{}', 'UTF8'), convert_to('{}', 'UTF8'))",
                UUID.randomUUID().toString(), unreadable, Instant.now().toString());
        try {
            String path = "/api/v1/admin/read-models/identity-search/rebuilds/"
                    + http.post("/api/v1/admin/read-models/identity-search/rebuilds", admin, "").expect(202).json().get("id").asText();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> http.get(path, admin).expect(200).json().get("state").asText().equals("FAILED"));
        } finally {
            jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ?", unreadable);
        }
        assertThat(http.get("/api/v1/admin/read-models", admin).json().get("identity-search").asInt()).isEqualTo(active);
    }

    @Test
    void unknownReadModelsAreNotFound() {
        String admin = administration.account(Role.ADMINISTRATOR);
        assertThat(http.post("/api/v1/admin/read-models/nothing/rebuilds", admin, "").status()).isEqualTo(404);
    }
}
