package org.residentregistry.api.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.residentregistry.api.support.Notifications.KAWAGUCHI;
import static org.residentregistry.api.support.Notifications.address;
import static org.residentregistry.api.support.Notifications.moveIn;
import static org.residentregistry.api.support.Notifications.next;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.security.Role;
import org.residentregistry.api.support.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A read model rebuilt from the event store while notifications keep arriving, then switched to without downtime. */
class ReadModelRebuildTest extends ApiIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    private JsonNode rebuildToCompletion(String admin) {
        JsonNode started = http.post("/api/v1/admin/read-models/identity-file/rebuilds", admin, "").expect(202).json();
        String path = "/api/v1/admin/read-models/identity-file/rebuilds/" + started.get("id").asText();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get(path, admin).expect(200).json().get("state").asText().equals("COMPLETED"));
        return http.get(path, admin).json();
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
        int generationBefore = http.get("/api/v1/admin/read-models", admin).expect(200).json().get("identity-file").asInt();

        AtomicBoolean ingesting = new AtomicBoolean(true);
        CompletableFuture<List<Map<String, Object>>> ingest = CompletableFuture.supplyAsync(() -> {
            List<Map<String, Object>> sent = new ArrayList<>();
            int round = 0;
            while (ingesting.get()) {
                Map<String, Object> resident = moveIn(KAWAGUCHI);
                Map<String, Object> move = next(resident, KAWAGUCHI, "MOVE_WITHIN");
                move.put("address", address("埼玉県川口市本町二丁目" + (++round) + "番１号"));
                Notifications.send(http, kawaguchi, List.of(resident, move)).expect(200);
                sent.add(move);
            }
            return sent;
        });
        JsonNode rebuild = rebuildToCompletion(admin);
        ingesting.set(false);
        acknowledged.addAll(ingest.get());

        assertThat(rebuild.get("generation").asInt()).isGreaterThan(generationBefore);
        assertThat(http.get("/api/v1/admin/read-models", admin).json().get("identity-file").asInt())
                .isEqualTo(rebuild.get("generation").asInt());
        assertThat(jdbc.queryForObject("SELECT to_regclass('identity_current_g" + generationBefore + "') IS NULL", Boolean.class))
                .as("the old generation is dropped").isTrue();
        for (Map<String, Object> item : acknowledged) {
            assertThat(jdbc.queryForObject("SELECT address_text FROM identity_current WHERE resident_code = ?", String.class,
                    item.get("residentCode"))).isEqualTo(((Map<?, ?>) item.get("address")).get("text"));
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM identity_version", Long.class))
                .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier NOT LIKE 'overseas-%'", Long.class));

        jdbc.execute("CREATE TABLE rebuild_test_current AS SELECT * FROM identity_current");
        jdbc.execute("CREATE TABLE rebuild_test_version AS SELECT * FROM identity_version");
        try {
            rebuildToCompletion(admin);
            for (String[] pair : new String[][] {{"identity_current", "rebuild_test_current"}, {"identity_version", "rebuild_test_version"}}) {
                assertThat(jdbc.queryForObject("SELECT count(*) FROM ((SELECT * FROM " + pair[0] + " EXCEPT SELECT * FROM " + pair[1]
                        + ") UNION ALL (SELECT * FROM " + pair[1] + " EXCEPT SELECT * FROM " + pair[0] + ")) d", Long.class))
                        .as(pair[0] + " after a rebuild under ingest equals a fresh replay").isZero();
            }
        } finally {
            jdbc.execute("DROP TABLE rebuild_test_current, rebuild_test_version");
        }
    }

    @Test
    void unknownReadModelsAreNotFound() {
        String admin = administration.account(Role.ADMINISTRATOR);
        assertThat(http.post("/api/v1/admin/read-models/nothing/rebuilds", admin, "").status()).isEqualTo(404);
    }
}
