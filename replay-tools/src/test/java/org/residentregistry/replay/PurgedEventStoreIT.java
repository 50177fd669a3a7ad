package org.residentregistry.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.HttpTestClient;
import org.residentregistry.api.support.Notifications;
import org.residentregistry.api.support.OverseasNotifications;
import org.residentregistry.api.support.RegistryServerProcess;

/**
 * The replay tools on an event store a retention purge has erased from (issue 8): the read models the server keeps
 * after the purge are what the remaining events say, and an erased resident is found neither.
 */
class PurgedEventStoreIT {

    private static final String BOOTSTRAP_ADMIN_TOKEN = "bootstrap-admin-token-for-purged-store-0123456789";

    private static RegistryServerProcess server;
    private static String jdbcUrl;
    private static String removed;
    private static String moved;

    @BeforeAll
    static void purgeAServersFiles() throws Exception {
        server = RegistryServerProcess.start(Path.of("target/it-data", UUID.randomUUID().toString()),
                "--registry.bootstrap-admin-token=" + BOOTSTRAP_ADMIN_TOKEN,
                "--registry.retention.superseded-version=PT1S", "--registry.retention.removed-person=PT1S",
                "--registry.retention.purge-schedule=-");
        server.awaitHealthy(Duration.ofSeconds(180));
        jdbcUrl = "jdbc:postgresql://localhost:" + server.postmaster().orElseThrow().port() + "/postgres";
        HttpTestClient http = new HttpTestClient(server.uri("/"));
        String token = UUID.randomUUID() + "-" + UUID.randomUUID();
        http.postJson("/api/v1/admin/accounts", BOOTSTRAP_ADMIN_TOKEN, Map.of("id", "cs-kawaguchi",
                "role", "MUNICIPAL_CS", "municipalityCode", Notifications.KAWAGUCHI, "token", token)).expect(201);

        Map<String, Object> first = Notifications.moveIn(Notifications.KAWAGUCHI);
        removed = (String) first.get("residentCode");
        Map<String, Object> within = Notifications.next(first, Notifications.KAWAGUCHI, "MOVE_WITHIN");
        within.put("address", Notifications.address("埼玉県川口市本町二丁目２番２号"));
        Map<String, Object> other = Notifications.moveIn(Notifications.KAWAGUCHI);
        moved = (String) other.get("residentCode");
        Map<String, Object> otherWithin = Notifications.next(other, Notifications.KAWAGUCHI, "MOVE_WITHIN");
        otherWithin.put("address", Notifications.address("埼玉県川口市本町三丁目３番３号"));
        Notifications.send(http, token, List.of(first, other)).expect(200);
        Notifications.send(http, token, List.of(within, otherWithin)).expect(200);
        Notifications.send(http, token, List.of(Notifications.next(within, Notifications.KAWAGUCHI, "DEATH"))).expect(200);
        Map<String, Object> abroad = OverseasNotifications.record(Notifications.KAWAGUCHI);
        OverseasNotifications.send(http, token, List.of(abroad)).expect(200);
        OverseasNotifications.send(http, token, List.of(OverseasNotifications.next(abroad, Notifications.KAWAGUCHI,
                "MODIFY"))).expect(200);
        Thread.sleep(1_100);

        String run = http.post("/api/v1/admin/purges", BOOTSTRAP_ADMIN_TOKEN, "{\"dryRun\":false}").expect(202).json()
                .get("id").asText();
        Instant deadline = Instant.now().plusSeconds(60);
        while (!http.get("/api/v1/admin/purges/" + run, BOOTSTRAP_ADMIN_TOKEN).expect(200).json().get("state").asText()
                .equals("COMPLETED")) {
            assertThat(Instant.now()).as("the purge run completes").isBefore(deadline);
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stopTheServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theReadModelsAgreeWithWhatRemainsOfTheEventStore() {
        ToolRun check = tool("check-projections", "--all");
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
    }

    @Test
    void anErasedResidentHasNoHistoryAndAnotherKeepsOnlyItsCurrentVersion() {
        assertThat(tool("history", "--resident", removed).exitCode()).isEqualTo(ExitCode.FINDING.code);
        ToolRun history = tool("history", "--resident", moved, "--format", "json");
        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(history.out()).contains("MOVE_WITHIN").doesNotContain("\"MOVE_IN\"");
    }

    private static ToolRun tool(String... arguments) {
        return ToolRun.against(jdbcUrl, arguments);
    }
}
