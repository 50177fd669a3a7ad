package org.residentregistry.api.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.security.Role;
import org.residentregistry.api.support.Notifications;
import org.residentregistry.api.support.OverseasNotifications;
import org.residentregistry.api.support.relay.SimulatedNationalServer.Applied;
import org.residentregistry.api.support.relay.SimulatedNationalServer;
import org.residentregistry.core.relay.RelayDestination;
import org.residentregistry.core.relay.RelayedChange;
import org.residentregistry.projections.relay.RelayOutbox;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/**
 * The relay against the simulated national server, on the shared server's database: relay workers built as the
 * server builds its own (which is off in these tests), with short back-offs. The simulated server applies each
 * change once by key and rejects any change of a person that does not follow the one before, so "every change
 * applied, none out of order" is what it holds at the end.
 */
@ExtendWith(OutputCaptureExtension.class)
class RelayTest extends ApiIntegrationTest {

    private static final RelayOutbox.Backoff BACKOFF = new RelayOutbox.Backoff(Duration.ofMillis(50), Duration.ofMillis(400));

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private TransactionTemplate transactions;

    private final SimulatedNationalServer national = SimulatedNationalServer.start();
    private final List<RelayWorker> workers = new ArrayList<>();
    private RelayOutbox outbox;
    private String municipalServer;

    @BeforeEach
    void emptyOutbox() {
        // What other tests on this database left in the outbox is not this test's: their persons' first
        // changes may have been relayed to another simulated server already.
        jdbc.update("DELETE FROM relay_outbox");
        jdbc.update("DELETE FROM relay_node");
        jdbc.update("UPDATE relay_lease SET owner = NULL, lease_until = '-infinity'");
        outbox = new RelayOutbox(jdbc, transactions, BACKOFF);
        municipalServer = administration.municipalServer(Notifications.KAWAGUCHI);
    }

    @AfterEach
    void stop() {
        workers.forEach(RelayWorker::close);
        national.close();
    }

    @Test
    void aBacklogBuiltWhileTheNationalServerIsDownDrainsInOrderWithNothingLost(CapturedOutput output) {
        national.goAway();
        startWorker("node-a");
        Map<String, Integer> versions = sendResidents(60, 3);
        assertBacklogMeasuredAndWarnedOf(180, versions.keySet(), output);

        JsonNode waiting = relayStatus();
        assertThat(identityDestination(waiting).path("pending").asLong()).isEqualTo(180);
        assertThat(national.applied()).isEmpty();
        assertThat(relayStatus().path("destinations").toString()).contains("\"oldestUndeliveredAgeSeconds\"");

        national.comeBack();
        awaitDrained();
        assertEveryChangeAppliedOnceInOrder(versions);
    }

    /**
     * A person's changes in one batch are rows of one statement: their ids, the order in which the relay sends a
     * person's changes, follow the batch's order, so each person's versions still arrive in order.
     */
    @Test
    void aPersonsChangesInOneBatchAreRelayedInTheirOrder() {
        List<List<Map<String, Object>>> rounds = rounds(20, 3);
        send(rounds.stream().flatMap(List::stream).toList());
        Map<String, List<Integer>> versionsById = new LinkedHashMap<>();
        jdbc.query("SELECT person, version FROM relay_outbox WHERE destination = 'IDENTITY_NATIONAL' ORDER BY id", rs -> {
            versionsById.computeIfAbsent(rs.getString(1), person -> new ArrayList<>()).add(rs.getInt(2));
        });
        assertThat(versionsById).hasSize(20).allSatisfy((person, versions) -> assertThat(versions).containsExactly(1, 2, 3));

        startWorker("node-a");
        awaitDrained();
        assertEveryChangeAppliedOnceInOrder(lastVersions(rounds));
    }

    @Test
    void aPermanentlyRejectedChangeIsParkedHoldsBackItsPersonOnlyAndCanBeRetried() {
        Map<String, Object> refused = Notifications.moveIn(Notifications.KAWAGUCHI);
        national.refuse((String) refused.get("residentCode"));
        startWorker("node-a");
        Map<String, Object> refusedLater = moved(refused);
        send(List.of(refused));
        send(List.of(refusedLater));
        Map<String, Integer> others = sendResidents(20, 2);

        // Settled once the answers are in: every other change delivered, the refused one parked, its later one waiting.
        await().atMost(Duration.ofSeconds(20)).until(() -> identityDestination(relayStatus()).path("parked").asLong() == 1
                && identityDestination(relayStatus()).path("pending").asLong() == 1);
        assertThat(national.applied()).hasSize(40);
        JsonNode status = relayStatus();
        JsonNode parked = status.path("parked");
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).path("reason").asText()).isEqualTo("REFUSED");
        assertThat(parked.get(0).path("municipalityCode").asText()).isEqualTo(Notifications.KAWAGUCHI);
        assertThat(parked.get(0).path("updateSequence").asLong()).isEqualTo(((Number) refused.get("updateSequence")).longValue());
        assertThat(parked.get(0).path("version").asInt()).isEqualTo(1);
        assertThat(parked.toString()).as("parked changes do not name the person").doesNotContain((String) refused.get("residentCode"));
        assertEveryChangeAppliedOnceInOrder(others);

        national.recover();
        http.post("/api/v1/admin/relay/parked/" + parked.get(0).path("id").asLong() + "/retry",
                BOOTSTRAP_ADMIN_TOKEN, "").expect(200);
        awaitDrained();
        Map<String, Integer> all = new LinkedHashMap<>(others);
        all.put((String) refused.get("residentCode"), 2);
        assertEveryChangeAppliedOnceInOrder(all);
        http.post("/api/v1/admin/relay/parked/" + parked.get(0).path("id").asLong() + "/retry",
                BOOTSTRAP_ADMIN_TOKEN, "").expect(404);
    }

    @Test
    void twoNodesShareThePartitionsAndNeverSendTheSameChange() {
        national.slowDown(Duration.ofMillis(20));
        startWorker("node-a");
        startWorker("node-b");
        Map<String, Integer> versions = sendResidents(300, 2);

        awaitDrained();
        assertEveryChangeAppliedOnceInOrder(versions);
        assertThat(national.duplicates()).as("no change was sent by both nodes").isZero();
        Map<String, Set<String>> nodesByPerson = national.applied().stream().collect(
                Collectors.groupingBy(Applied::residentCode, Collectors.mapping(Applied::node, Collectors.toSet())));
        assertThat(nodesByPerson.values().stream().flatMap(Set::stream).distinct()).containsExactlyInAnyOrder("node-a", "node-b");
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("SELECT count(*) FROM relay_lease"
                + " WHERE destination = 'IDENTITY_NATIONAL' AND owner = 'node-a' AND lease_until > now()", Integer.class) == 8);
    }

    @Test
    void overseasChangesGoToTheAnnexNationalServerAndIdentityChangesToTheNationalOneEachOnceInOrder() throws JsonProcessingException {
        Map<String, Integer> overseas = new LinkedHashMap<>();
        Map<String, Integer> identity = new LinkedHashMap<>();
        List<Map<String, Object>> records = IntStream.range(0, 10).mapToObj(i -> OverseasNotifications.record(Notifications.KAWAGUCHI)).toList();
        List<Map<String, Object>> returned = records.stream().map(r -> {
            // The same person entered in the identity file too: its two histories are versioned apart.
            Map<String, Object> moveIn = Notifications.moveIn(Notifications.KAWAGUCHI);
            moveIn.put("residentCode", r.get("residentCode"));
            return moveIn;
        }).toList();
        sendOverseas(records);
        send(returned);
        List<Map<String, Object>> modified = records.stream()
                .map(r -> OverseasNotifications.next(r, Notifications.KAWAGUCHI, "MODIFY")).toList();
        modified.forEach(m -> m.put("address", new LinkedHashMap<>(Map.of("text", "カナダ国オンタリオ州", "gaijiCount", 0))));
        sendOverseas(modified);
        send(returned.stream().map(RelayTest::moved).toList());
        sendOverseas(modified.stream().map(m -> OverseasNotifications.next(m, Notifications.KAWAGUCHI, "REMOVE")).toList());
        records.forEach(r -> {
            overseas.put((String) r.get("residentCode"), 3);
            identity.put((String) r.get("residentCode"), 2);
        });
        // A rejected notification changed nothing, so there is nothing of it to relay.
        Map<String, Object> unknown = OverseasNotifications.next(OverseasNotifications.record(Notifications.KAWAGUCHI),
                Notifications.KAWAGUCHI, "MODIFY");
        assertThat(OverseasNotifications.send(http, municipalServer, List.of(unknown)).expect(200).json()
                .at("/results/0/reason").asText()).isEqualTo("UNKNOWN_RESIDENT");

        JsonNode waiting = relayStatus();
        assertThat(destination(waiting, RelayDestination.ANNEX_NATIONAL).path("pending").asLong()).isEqualTo(30);
        assertThat(identityDestination(waiting).path("pending").asLong()).isEqualTo(20);
        assertAnnexChangeAsSent(modified.get(0));
        assertIdentityChangeAsSent(returned.get(0));

        startWorker("node-a");
        awaitDrained();
        assertEveryChangeAppliedOnceInOrder("/overseas", overseas);
        assertEveryChangeAppliedOnceInOrder("/identity", identity);
        assertThat(national.applied()).as("each change applied once, at its own destination").hasSize(50);
        assertThat(national.duplicates()).isZero();
    }

    /** The identity change of a MOVE_IN as the national server will receive it: the record as applied, version 1. */
    private void assertIdentityChangeAsSent(Map<String, Object> moveIn) throws JsonProcessingException {
        JsonNode change = changeAsSent(RelayDestination.IDENTITY_NATIONAL, moveIn);
        assertThat(change.path("file").asText()).isEqualTo("IDENTITY");
        assertThat(change.path("residentCode").asText()).isEqualTo(moveIn.get("residentCode"));
        assertThat(change.path("version").asInt()).isEqualTo(1);
        assertThat(change.path("changeType").asText()).isEqualTo("ResidentRecorded");
        assertThat(change.path("status").asText()).isEqualTo("CURRENT");
        assertThat(change.path("effect").asText()).isEqualTo("CURRENT_CHANGED");
        assertThat(change.path("receivedAt").isTextual()).as("an ISO-8601 instant, not the store's number").isTrue();
        assertThat(change.at("/notification/key/updateSequence").asLong())
                .isEqualTo(((Number) moveIn.get("updateSequence")).longValue());
        assertThat(change.at("/notification/changeReason").asText()).isEqualTo("MOVE_IN");
    }

    /** The annex change of a MODIFY as the annex national server will receive it: the notification as applied. */
    private void assertAnnexChangeAsSent(Map<String, Object> modify) throws JsonProcessingException {
        JsonNode change = changeAsSent(RelayDestination.ANNEX_NATIONAL, modify);
        assertThat(change.path("file").asText()).isEqualTo("OVERSEAS");
        assertThat(change.path("residentCode").asText()).isEqualTo(modify.get("residentCode"));
        assertThat(change.path("version").asInt()).isEqualTo(2);
        assertThat(change.path("changeType").asText()).isEqualTo("OverseasModified");
        assertThat(change.path("changeKind").asText()).isEqualTo("MODIFY");
        assertThat(change.path("status").asText()).isEqualTo("CURRENT");
        assertThat(change.path("idempotencyKey").asText()).isNotBlank();
        assertThat(change.at("/notification/key/municipalityCode").asText()).isEqualTo(Notifications.KAWAGUCHI);
        assertThat(change.at("/notification/key/updateSequence").asLong()).isEqualTo(((Number) modify.get("updateSequence")).longValue());
        assertThat(change.at("/notification/record/address/text").asText()).isEqualTo("カナダ国オンタリオ州");
        assertThat(change.toString()).doesNotContain("individualNumber");
    }

    /**
     * The change {@code notification} made, as the relay hands it out to send, made from its event: the person's earlier
     * changes taken out of its way as if delivered, in a transaction rolled back.
     */
    private JsonNode changeAsSent(RelayDestination destination, Map<String, Object> notification)
            throws JsonProcessingException {
        Map<String, Object> row = jdbc.queryForMap("SELECT id, partition FROM relay_outbox WHERE destination = ?"
                + " AND municipality_code = ? AND update_sequence = ?", destination.name(),
                notification.get("municipalityCode"), ((Number) notification.get("updateSequence")).longValue());
        long id = ((Number) row.get("id")).longValue();
        int partition = ((Number) row.get("partition")).intValue();
        RelayedChange sent = transactions.execute(status -> {
            status.setRollbackOnly();
            jdbc.update("DELETE FROM relay_outbox WHERE destination = ? AND person = ? AND id < ?", destination.name(),
                    notification.get("residentCode"), id);
            return outbox.ready(destination, partition, 1000).stream()
                    .filter(c -> c.id() == id).findFirst().orElseThrow();
        });
        JsonNode change = new ObjectMapper().readTree(sent.payload());
        assertThat(change.path("idempotencyKey").asText()).isEqualTo(sent.idempotencyKey());
        return change;
    }

    @Test
    void theStatusReadFromIndexesIsTheOutboxAsItStands() {
        sendResidents(30, 2);
        List<Map<String, Object>> overseas = IntStream.range(0, 5)
                .mapToObj(i -> OverseasNotifications.record(Notifications.KAWAGUCHI)).toList();
        sendOverseas(overseas);
        jdbc.update("UPDATE relay_outbox SET state = 'PARKED', parked_at = now(), last_error = 'REFUSED'"
                + " WHERE id IN (SELECT id FROM relay_outbox WHERE destination = 'IDENTITY_NATIONAL' ORDER BY id DESC LIMIT 4)");
        // Older changes at the front of one partition, as after an outage: the oldest is theirs.
        jdbc.update("UPDATE relay_outbox SET recorded_at = recorded_at - interval '1 hour' WHERE id IN (SELECT min(id)"
                + " FROM relay_outbox GROUP BY destination)");

        List<RelayOutbox.DestinationStatus> counted = jdbc.query("SELECT destination, count(*) FILTER (WHERE state = 'PENDING'),"
                        + " count(*) FILTER (WHERE state = 'PARKED'), min(recorded_at) FROM relay_outbox GROUP BY destination",
                (rs, n) -> new RelayOutbox.DestinationStatus(RelayDestination.valueOf(rs.getString(1)), rs.getLong(2),
                        rs.getLong(3), rs.getTimestamp(4).toInstant()));
        assertThat(outbox.status()).containsExactlyInAnyOrderElementsOf(counted);
        assertThat(counted).extracting(RelayOutbox.DestinationStatus::pending, RelayOutbox.DestinationStatus::parked)
                .containsExactlyInAnyOrder(tuple(56L, 4L), tuple(5L, 0L));
    }

    private void sendOverseas(List<Map<String, Object>> batch) {
        OverseasNotifications.send(http, municipalServer, batch).expect(200).json().get("results")
                .forEach(r -> assertThat(r.get("status").asText()).isEqualTo("APPLIED"));
    }

    /** The gauges and the age warning, from a metrics bean of their own whose threshold is already passed. */
    private void assertBacklogMeasuredAndWarnedOf(long undelivered, Set<String> persons, CapturedOutput output) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RelayProperties properties = new RelayProperties(false, null, null, null, null, 0, 0, null, null, null, Duration.ZERO);
        new RelayMetrics(meters, outbox, properties).refresh();
        assertThat(meters.get("registry.relay.outbox.depth").tag("destination", "IDENTITY_NATIONAL").gauge().value())
                .isEqualTo(undelivered);
        assertThat(meters.get("registry.relay.oldest.undelivered.age").tag("destination", "IDENTITY_NATIONAL").gauge().value())
                .isPositive();
        assertThat(output.getOut()).contains("Relay to IDENTITY_NATIONAL: the oldest undelivered change has waited");
        persons.forEach(person -> assertThat(output.getOut()).doesNotContain(person));
        String operations = administration.account(Role.OPERATIONS);
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/actuator/prometheus", operations).expect(200).body()
                .contains("registry_relay_outbox_depth{destination=\"IDENTITY_NATIONAL\"} " + undelivered + ".0"));
    }

    private void startWorker(String node) {
        RestClient client = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build())).build();
        Map<RelayDestination, HttpNationalServer.Target> targets = new EnumMap<>(RelayDestination.class);
        targets.put(RelayDestination.IDENTITY_NATIONAL, new HttpNationalServer.Target(national.uri("identity"), client));
        targets.put(RelayDestination.ANNEX_NATIONAL, new HttpNationalServer.Target(national.uri("overseas"), client));
        RelayWorker worker = new RelayWorker(outbox, new HttpNationalServer(targets, node),
                new RelayWorker.Settings(targets.keySet(), 50, 2, Duration.ofMillis(50),
                        Duration.ofSeconds(10), BACKOFF), node);
        workers.add(worker);
        worker.start();
    }

    /** {@code residents} move-ins, then {@code versions - 1} moves within for each, one batch per round. */
    private Map<String, Integer> sendResidents(int residents, int versions) {
        List<List<Map<String, Object>>> rounds = rounds(residents, versions);
        rounds.forEach(this::send);
        return lastVersions(rounds);
    }

    /** {@code residents} move-ins, then {@code versions - 1} rounds of a move within for each. */
    private static List<List<Map<String, Object>>> rounds(int residents, int versions) {
        List<List<Map<String, Object>>> rounds = new ArrayList<>();
        rounds.add(IntStream.range(0, residents).mapToObj(i -> Notifications.moveIn(Notifications.KAWAGUCHI)).toList());
        for (int v = 2; v <= versions; v++) {
            rounds.add(rounds.get(rounds.size() - 1).stream().map(RelayTest::moved).toList());
        }
        return rounds;
    }

    /** Each resident of {@code rounds} and the version its last notification makes. */
    private static Map<String, Integer> lastVersions(List<List<Map<String, Object>>> rounds) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        rounds.get(rounds.size() - 1).forEach(n -> expected.put((String) n.get("residentCode"), rounds.size()));
        return expected;
    }

    private static Map<String, Object> moved(Map<String, Object> previous) {
        Map<String, Object> next = Notifications.next(previous, Notifications.KAWAGUCHI, "MOVE_WITHIN");
        next.put("address", Notifications.address("埼玉県川口市本町一丁目" + Notifications.nextSequence() % 1000 + "番"));
        return next;
    }

    private void send(List<Map<String, Object>> batch) {
        Notifications.send(http, municipalServer, batch).expect(200).json().get("results")
                .forEach(r -> assertThat(r.get("status").asText()).isEqualTo("APPLIED"));
    }

    private JsonNode relayStatus() {
        return http.get("/api/v1/admin/relay", BOOTSTRAP_ADMIN_TOKEN).expect(200).json();
    }

    private static JsonNode identityDestination(JsonNode status) {
        return destination(status, RelayDestination.IDENTITY_NATIONAL);
    }

    private static JsonNode destination(JsonNode status, RelayDestination wanted) {
        for (JsonNode destination : status.path("destinations")) {
            if (destination.path("destination").asText().equals(wanted.name())) {
                return destination;
            }
        }
        throw new AssertionError("no " + wanted + " in " + status);
    }

    /** Nothing waiting or parked for either destination. */
    private void awaitDrained() {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode status = relayStatus();
            return Set.of(RelayDestination.values()).stream().allMatch(d -> destination(status, d).path("pending").asLong() == 0
                    && destination(status, d).path("parked").asLong() == 0);
        });
    }

    private void assertEveryChangeAppliedOnceInOrder(Map<String, Integer> lastVersions) {
        assertEveryChangeAppliedOnceInOrder("/identity", lastVersions);
    }

    /**
     * Each resident's versions 1 to its last, each applied once, in order, at the national server's {@code path};
     * nothing out of order was sent.
     */
    private void assertEveryChangeAppliedOnceInOrder(String path, Map<String, Integer> lastVersions) {
        Map<String, List<Integer>> byPerson = national.applied().stream().filter(a -> a.path().equals(path)).collect(
                Collectors.groupingBy(Applied::residentCode, Collectors.mapping(Applied::version, Collectors.toList())));
        lastVersions.forEach((person, last) -> assertThat(byPerson.get(person))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, last).boxed().toList()));
        assertThat(national.outOfOrder()).isZero();
    }
}
