package org.residentregistry.api.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.residentregistry.api.support.Notifications.KAWAGOE;
import static org.residentregistry.api.support.Notifications.SAITAMA;
import static org.residentregistry.api.support.Notifications.moveIn;

import java.time.Instant;
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
 * had not passed, or held as gaps, is counted once by the migration; what they had handled is not counted again. A
 * processor without tokens had counted nothing, so everything is counted, unless the statistics hold counts already.
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

    /** A municipality's counts: applied updates over every reason and day, its highest sequence and its applied ones. */
    private record Counts(long updates, long maxSequence, long applied) {
    }

    private Counts counts(String municipality) {
        return jdbc.queryForObject("SELECT (SELECT coalesce(sum(applied), 0) FROM identity_update_statistics"
                + " WHERE municipality_code = ?), max_sequence, applied FROM municipality_sequence WHERE municipality_code = ?",
                (rs, row) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3)), municipality, municipality);
    }

    private List<Map<String, Object>> send(String municipality, int notifications) {
        List<Map<String, Object>> items = IntStream.range(0, notifications).mapToObj(i -> moveIn(municipality)).toList();
        Notifications.send(http, administration.municipalServer(municipality), items).expect(200);
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

    /** The migration in a transaction of its own, after {@code before} in the same one. */
    private void migrate(Runnable before) {
        transactions.executeWithoutResult(status -> jdbc.execute((ConnectionCallback<Void>) connection -> {
            before.run();
            migration.countAndForgetTokens(connection);
            return null;
        }));
    }

    private long statisticsTokens() {
        return jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?", Long.class,
                CountWhatTheStreamingProcessorLeft.PROCESSOR);
    }

    @Test
    void countsOnceWhatTheOldProcessorsSegmentsHadNotHandledAndForgetsTheirTokens() {
        // Three residents, by position: the last is where both segments' tokens stand, the two before may be gaps. The
        // second is another municipality's, so that counting it instead of the first, or as well, shows.
        Map<String, Object> first = send(KAWAGOE, 1).get(0);
        Map<String, Object> second = send(SAITAMA, 1).get(0);
        long handledUpTo = globalIndex(send(KAWAGOE, 1).get(0));
        Counts countedByTheOldProcessor = counts(KAWAGOE);
        Counts saitama = counts(SAITAMA);
        List<Map<String, Object>> days = jdbc.queryForList("SELECT municipality_code, change_reason, day, applied"
                + " FROM identity_update_statistics WHERE municipality_code = ?", KAWAGOE);
        send(KAWAGOE, 3);
        Counts all = counts(KAWAGOE);
        // The counts as the old processor left them: the last batch not counted yet…
        jdbc.update("DELETE FROM identity_update_statistics WHERE municipality_code = ?", KAWAGOE);
        days.forEach(d -> jdbc.update("INSERT INTO identity_update_statistics (municipality_code, change_reason, day, applied)"
                + " VALUES (?, ?, ?, ?)", d.get("municipality_code"), d.get("change_reason"), d.get("day"), d.get("applied")));
        jdbc.update("UPDATE municipality_sequence SET max_sequence = ?, applied = ? WHERE municipality_code = ?",
                countedByTheOldProcessor.maxSequence(), countedByTheOldProcessor.applied() - 1, KAWAGOE);
        // …nor the first resident's event, a gap of its segment's token.
        jdbc.update("UPDATE identity_update_statistics SET applied = applied - 1 WHERE municipality_code = ?"
                + " AND change_reason = 'MOVE_IN' AND day = (SELECT (received_at AT TIME ZONE 'Asia/Tokyo')::date"
                + " FROM identity_version WHERE resident_code = ?)", KAWAGOE, first.get("residentCode"));
        assertThat(counts(KAWAGOE).updates()).isEqualTo(countedByTheOldProcessor.updates() - 1);
        // The first resident's event still a gap of the segment it belongs to (not handled), the second's a gap of the
        // other segment only (handled by its own).
        Map<Integer, Set<Long>> gaps = Map.of(0, new HashSet<>(), 1, new HashSet<>());
        gaps.get(segmentOf(first)).add(globalIndex(first));
        gaps.get(1 - segmentOf(second)).add(globalIndex(second));
        gaps.forEach((segment, positions) -> token(segment, handledUpTo, positions));

        migrate(() -> { });

        assertThat(counts(KAWAGOE)).isEqualTo(all);
        assertThat(counts(SAITAMA)).as("the other segment's gap, handled by its own, not counted again").isEqualTo(saitama);
        assertThat(statisticsTokens()).isZero();
    }

    /**
     * A store the old processor never started on (no token row) is counted whole, as the processor would have counted
     * it from the store's beginning. Here the store holds only the test's events, no count and no token: in a
     * transaction of the test's, rolled back.
     */
    @Test
    void countsEveryEventOfAStoreTheOldProcessorNeverStartedOn() {
        List<Map<String, Object>> kawagoe = send(KAWAGOE, 2);
        Map<String, Object> saitama = send(SAITAMA, 1).get(0);
        long first = kawagoe.stream().mapToLong(this::globalIndex).min().orElseThrow();
        long highestKawagoe = kawagoe.stream().mapToLong(n -> ((Number) n.get("updateSequence")).longValue()).max().orElseThrow();
        transactions.executeWithoutResult(status -> {
            migrate(() -> {
                jdbc.update("DELETE FROM domain_event_entry WHERE global_index < ?", first);
                jdbc.update("DELETE FROM identity_update_statistics");
                jdbc.update("DELETE FROM municipality_sequence");
            });

            assertThat(counts(KAWAGOE)).isEqualTo(new Counts(2, highestKawagoe, 2));
            assertThat(counts(SAITAMA)).isEqualTo(new Counts(1, ((Number) saitama.get("updateSequence")).longValue(), 1));
            status.setRollbackOnly();
        });
    }

    /**
     * Counts without a token that says what they cover (the old processor never counted here, yet the statistics hold
     * counts: written by hand, or by a seeder): counting the store would count them twice, so the upgrade stops there.
     */
    @Test
    void refusesToCountAStoreWhoseStatisticsNoTokenAccountsFor() {
        send(KAWAGOE, 1);
        Counts before = counts(KAWAGOE);
        assertThat(statisticsTokens()).isZero();

        assertThatThrownBy(() -> migrate(() -> { })).hasMessageContaining("counting the event store would count twice");

        assertThat(counts(KAWAGOE)).as("nothing counted").isEqualTo(before);
    }

    /** A node of the older version still running holds a claim it renewed a moment ago: the upgrade stops there. */
    @Test
    void refusesWhileANodeOfTheOlderVersionStillClaimsTheProcessorsTokens() {
        token(0, 0, Set.of());
        jdbc.update("UPDATE token_entry SET owner = 'older-node', timestamp = ? WHERE processor_name = ?",
                Instant.now().toString(), CountWhatTheStreamingProcessorLeft.PROCESSOR);
        try {
            assertThatThrownBy(() -> migrate(() -> { })).hasMessageContaining("stop every node of the older version");
            assertThat(statisticsTokens()).as("nothing forgotten").isOne();
        } finally {
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", CountWhatTheStreamingProcessorLeft.PROCESSOR);
        }
    }
}
