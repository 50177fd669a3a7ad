package org.residentregistry.api.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.residentregistry.api.support.Notifications.KAWAGOE;
import static org.residentregistry.api.support.Notifications.moveIn;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.support.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Migration 27 on a registry whose old statistics processor had not counted everything: what its two segments' tokens
 * had not passed, or held as gaps, is counted once by the migration; what they had handled is not counted again.
 */
class CountWhatTheStreamingProcessorLeftTest extends ApiIntegrationTest {

    @Autowired
    CountWhatTheStreamingProcessorLeft migration;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    Serializer serializer;

    /** Kawagoe's counts: applied updates over every reason and day, its highest sequence and its applied ones. */
    private record Counts(long updates, long maxSequence, long applied) {
    }

    private Counts kawagoe() {
        return jdbc.queryForObject("SELECT (SELECT coalesce(sum(applied), 0) FROM identity_update_statistics"
                + " WHERE municipality_code = ?), max_sequence, applied FROM municipality_sequence WHERE municipality_code = ?",
                (rs, row) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3)), KAWAGOE, KAWAGOE);
    }

    private List<Map<String, Object>> send(int notifications) {
        List<Map<String, Object>> items = IntStream.range(0, notifications).mapToObj(i -> moveIn(KAWAGOE)).toList();
        Notifications.send(http, administration.municipalServer(KAWAGOE), items).expect(200);
        return items;
    }

    private long globalIndex(Map<String, Object> item) {
        return jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class,
                item.get("residentCode"));
    }

    /** The segment (of two) whose processor handled the resident's events. */
    private static int segmentOf(Map<String, Object> item) {
        return Segment.computeSegment(0, 0, 1).matches(item.get("residentCode")) ? 0 : 1;
    }

    private void token(int segment, long index, Set<Long> gaps) {
        SerializedObject<byte[]> token = serializer.serialize(GapAwareTrackingToken.newInstance(index, gaps), byte[].class);
        jdbc.update("INSERT INTO token_entry (processor_name, segment, token, token_type, timestamp) VALUES (?, ?, ?, ?, '')",
                CountWhatTheStreamingProcessorLeft.PROCESSOR, segment, token.getData(), token.getType().getName());
    }

    @Test
    void countsOnceWhatTheOldProcessorsSegmentsHadNotHandledAndForgetsTheirTokens() {
        // Three residents, by position: the last is where both segments' tokens stand, the two before may be gaps.
        List<Map<String, Object>> handled = send(3).stream()
                .sorted(Comparator.comparingLong(this::globalIndex)).toList();
        long handledUpTo = globalIndex(handled.get(2));
        Counts countedByTheOldProcessor = kawagoe();
        List<Map<String, Object>> days = jdbc.queryForList("SELECT municipality_code, change_reason, day, applied"
                + " FROM identity_update_statistics WHERE municipality_code = ?", KAWAGOE);
        send(3);
        Counts all = kawagoe();
        // The counts as the old processor left them: the second batch not counted yet…
        jdbc.update("DELETE FROM identity_update_statistics WHERE municipality_code = ?", KAWAGOE);
        days.forEach(d -> jdbc.update("INSERT INTO identity_update_statistics (municipality_code, change_reason, day, applied)"
                + " VALUES (?, ?, ?, ?)", d.get("municipality_code"), d.get("change_reason"), d.get("day"), d.get("applied")));
        jdbc.update("UPDATE municipality_sequence SET max_sequence = ?, applied = ? WHERE municipality_code = ?",
                countedByTheOldProcessor.maxSequence(), countedByTheOldProcessor.applied() - 1, KAWAGOE);
        // …nor the first batch's first event, a gap of its segment's token.
        jdbc.update("UPDATE identity_update_statistics SET applied = applied - 1 WHERE municipality_code = ?"
                + " AND change_reason = 'MOVE_IN' AND day = (SELECT (received_at AT TIME ZONE 'Asia/Tokyo')::date"
                + " FROM identity_version WHERE resident_code = ?)", KAWAGOE, handled.get(0).get("residentCode"));
        assertThat(kawagoe().updates()).isEqualTo(countedByTheOldProcessor.updates() - 1);
        // The first batch's first event still a gap of the segment it belongs to (not handled), its second a gap of
        // the other segment only (handled by its own).
        Map<Integer, Set<Long>> gaps = Map.of(0, new HashSet<>(), 1, new HashSet<>());
        gaps.get(segmentOf(handled.get(0))).add(globalIndex(handled.get(0)));
        gaps.get(1 - segmentOf(handled.get(1))).add(globalIndex(handled.get(1)));
        gaps.forEach((segment, positions) -> token(segment, handledUpTo, positions));

        transactions.executeWithoutResult(status -> jdbc.execute((ConnectionCallback<Void>) connection -> {
            migration.countAndForgetTokens(connection);
            return null;
        }));

        assertThat(kawagoe()).isEqualTo(all);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?", Long.class,
                CountWhatTheStreamingProcessorLeft.PROCESSOR)).isZero();
    }

    /** A node of the older version still running holds a claim it renewed a moment ago: the upgrade stops there. */
    @Test
    void refusesWhileANodeOfTheOlderVersionStillClaimsTheProcessorsTokens() {
        token(0, 0, Set.of());
        jdbc.update("UPDATE token_entry SET owner = 'older-node', timestamp = ? WHERE processor_name = ?",
                Instant.now().toString(), CountWhatTheStreamingProcessorLeft.PROCESSOR);
        try {
            assertThatThrownBy(() -> transactions.executeWithoutResult(status -> jdbc.execute(
                    (ConnectionCallback<Void>) connection -> {
                        migration.countAndForgetTokens(connection);
                        return null;
                    }))).hasMessageContaining("stop every node of the older version");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?", Long.class,
                    CountWhatTheStreamingProcessorLeft.PROCESSOR)).as("nothing forgotten").isOne();
        } finally {
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", CountWhatTheStreamingProcessorLeft.PROCESSOR);
        }
    }
}
