package org.residentregistry.api.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.residentregistry.api.support.Notifications.KAWAGUCHI;
import static org.residentregistry.api.support.Notifications.address;
import static org.residentregistry.api.support.Notifications.moveIn;
import static org.residentregistry.api.support.Notifications.next;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.support.Notifications;
import org.residentregistry.api.HttpTestClient.Reply;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Concurrent requests for one resident: conflicts in the event store are retried, never answered as
 * failures, and every answer describes what was committed.
 */
class ConcurrentNotificationsTest extends ApiIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void concurrentBatchesForOneResidentAllSucceedAndTheHistoryMatchesTheAnswers() throws Exception {
        String kawaguchi = administration.municipalServer(KAWAGUCHI);
        Map<String, Object> resident = moveIn(KAWAGUCHI);
        Notifications.send(http, kawaguchi, List.of(resident)).expect(200);
        List<Map<String, Object>> moves = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Map<String, Object> move = next(resident, KAWAGUCHI, "MOVE_WITHIN");
            move.put("address", address("埼玉県川口市本町一丁目" + (i + 2) + "番１号"));
            moves.add(move);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Reply>> answers = moves.stream()
                    .map(m -> CompletableFuture.supplyAsync(() -> Notifications.send(http, kawaguchi, List.of(m)), pool))
                    .toList();
            List<JsonNode> results = new ArrayList<>();
            for (CompletableFuture<Reply> answer : answers) {
                Reply response = answer.get();
                assertThat(response.status()).as(String.valueOf(response.json())).isEqualTo(200);
                results.add(response.json().get("results").get(0));
            }
            long applied = results.stream().filter(r -> r.get("status").asText().equals("APPLIED")).count();
            assertThat(results).allSatisfy(r -> assertThat(r.get("status").asText()).isIn("APPLIED", "REJECTED"));
            assertThat(results).filteredOn(r -> r.get("status").asText().equals("REJECTED"))
                    .allSatisfy(r -> assertThat(r.get("reason").asText()).isEqualTo("OUT_OF_ORDER"));
            assertThat(applied).isPositive();
            Integer versions = jdbc.queryForObject("SELECT count(*) FROM identity_version WHERE resident_code = ?",
                    Integer.class, resident.get("residentCode"));
            assertThat(versions).isEqualTo(1 + applied);
            assertThat(results).filteredOn(r -> r.get("status").asText().equals("APPLIED"))
                    .extracting(r -> r.get("version").asInt()).doesNotHaveDuplicates();
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theSameNotificationSentTwiceAtOnceIsAppliedOnceAndAnsweredAsDuplicateOnce() throws Exception {
        String kawaguchi = administration.municipalServer(KAWAGUCHI);
        Map<String, Object> item = moveIn(KAWAGUCHI);
        CompletableFuture<Reply> first = CompletableFuture.supplyAsync(() -> Notifications.send(http, kawaguchi, List.of(item)));
        CompletableFuture<Reply> second = CompletableFuture.supplyAsync(() -> Notifications.send(http, kawaguchi, List.of(item)));
        List<String> statuses = List.of(first.get(), second.get()).stream()
                .map(r -> r.expect(200).json().get("results").get(0).get("status").asText())
                .sorted().toList();
        assertThat(statuses).containsExactly("APPLIED", "DUPLICATE");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, item.get("residentCode"))).isEqualTo(1);
    }
}
