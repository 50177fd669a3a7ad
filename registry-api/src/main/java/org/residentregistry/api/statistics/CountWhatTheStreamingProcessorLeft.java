package org.residentregistry.api.statistics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.api.migration.Context;
import org.residentregistry.api.database.RegistryJavaMigration;
import org.residentregistry.core.identity.IdentityEvent;
import org.residentregistry.projections.EventStoreJson;
import org.residentregistry.projections.statistics.UpdateStatisticsProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Migration 27: the update statistics move from a pooled streaming processor to the appending transaction. The old
 * processor's tokens say which events it had counted; those it had not (it follows ingest by a moment, more after a
 * crash) are counted here, by the projection's own code, and its token rows, read by nothing from now on, are deleted.
 * A Java migration because which segment an event belongs to is Axon's rule ({@link Segment}, on the aggregate
 * identifier, the processor's sequencing policy) and the events are read by the store's serializer.
 */
@Component
class CountWhatTheStreamingProcessorLeft extends RegistryJavaMigration {

    static final String PROCESSOR = "update-statistics";
    private static final int BATCH = 1_000;
    /** Longer than Axon's claim timeout (10 s): a claim renewed this recently belongs to a node still running. */
    static final String LIVE_CLAIM = "30 seconds";

    private final Serializer serializer = JacksonSerializer.builder().objectMapper(EventStoreJson.mapper()).build();

    CountWhatTheStreamingProcessorLeft() {
        super("27", "count what the statistics processor left");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        countAndForgetTokens(context.getConnection());
    }

    /**
     * Counts the identity file's events the processor's segments had not handled, and deletes its tokens, on
     * {@code connection} (in its transaction). A processor without token rows never started on this database: Axon
     * would have started it at the beginning of the store (a pooled processor's default initial token replays it
     * from there; the old configuration set no other), so every event is counted. Refuses if, by the tokens or their
     * absence, nothing was counted, yet the statistics hold counts: counting the store would count them twice.
     */
    void countAndForgetTokens(Connection connection) throws SQLException {
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
        // Until this transaction ends no older node can move a token (and count) between the read and the delete.
        jdbc.execute("LOCK TABLE token_entry IN EXCLUSIVE MODE");
        Integer claimed = jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ? AND CASE"
                + " WHEN owner IS NULL OR timestamp = '' THEN false ELSE timestamp::timestamptz > now() - ?::interval END", Integer.class, PROCESSOR, LIVE_CLAIM);
        if (claimed != null && claimed > 0) {
            // A node of the older version still counts: after this migration it would count nothing, or count twice.
            throw new IllegalStateException("The update-statistics processor's tokens were claimed within the last "
                    + LIVE_CLAIM + ": stop every node of the older version, then start this one");
        }
        Map<Integer, GapAwareTrackingToken> tokens = new HashMap<>();
        jdbc.query("SELECT segment, token, token_type FROM token_entry WHERE processor_name = ?", rs -> {
            byte[] token = rs.getBytes(2);
            Object read = token == null ? null : serializer.deserialize(
                    new SimpleSerializedObject<>(token, byte[].class, rs.getString(3), null));
            if (read != null && !(read instanceof GapAwareTrackingToken)) {
                throw new IllegalStateException("An update-statistics token of another kind than the processor"
                        + " writes (" + read.getClass().getSimpleName() + "): reset or merged by hand, not migrated");
            }
            tokens.put(rs.getInt(1), (GapAwareTrackingToken) read);
        }, PROCESSOR);
        // No rows: it would have started from the store's beginning, one segment for every event.
        List<Progress> segments = tokens.isEmpty() ? List.of(new Progress(Segment.ROOT_SEGMENT, null)) : segments(tokens);
        if (segments.stream().allMatch(p -> p.token() == null) && statisticsHoldCounts(jdbc)) {
            // Written by something else than the processor (by hand, or a seeder): which events they cover is unknown.
            throw new IllegalStateException("The update statistics hold counts, but the update-statistics processor's"
                    + " tokens say it counted nothing (or there are none): counting the event store would count twice."
                    + " Empty identity_update_statistics and municipality_sequence to have every event counted, then start"
                    + " again");
        }
        count(connection, new UpdateStatisticsProjection(jdbc), segments);
        jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", PROCESSOR);
    }

    private static boolean statisticsHoldCounts(JdbcTemplate jdbc) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM identity_update_statistics)"
                + " OR EXISTS (SELECT 1 FROM municipality_sequence)", Boolean.class));
    }

    /** A segment and how far it had come: {@code null} if it had handled nothing. */
    private record Progress(Segment segment, GapAwareTrackingToken token) {
        boolean handled(long globalIndex) {
            return token != null && globalIndex <= token.getIndex() && !token.getGaps().contains(globalIndex);
        }
    }

    private static List<Progress> segments(Map<Integer, GapAwareTrackingToken> tokens) {
        int[] ids = tokens.keySet().stream().mapToInt(Integer::intValue).toArray();
        return tokens.entrySet().stream()
                .map(t -> new Progress(Segment.computeSegment(t.getKey(), ids), t.getValue())).toList();
    }

    private void count(Connection connection, UpdateStatisticsProjection statistics, List<Progress> segments)
            throws SQLException {
        // What some segment may not have handled: past the lowest position, or in a gap.
        long from = segments.stream().mapToLong(p -> p.token() == null ? -1 : p.token().getIndex()).min().orElse(-1);
        TreeSet<Long> gaps = new TreeSet<>();
        segments.stream().filter(p -> p.token() != null).forEach(p -> gaps.addAll(p.token().getGaps()));
        try (PreparedStatement select = connection.prepareStatement("SELECT global_index, aggregate_identifier,"
                + " payload_type, payload_revision, payload FROM domain_event_entry WHERE type = 'ResidentIdentity'"
                + " AND (global_index > ? OR global_index = ANY (?)) ORDER BY global_index")) {
            select.setFetchSize(BATCH);
            select.setLong(1, from);
            select.setArray(2, connection.createArrayOf("bigint", gaps.toArray()));
            List<IdentityEvent> left = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long index = rs.getLong(1);
                    String aggregate = rs.getString(2);
                    Progress segment = segments.stream().filter(p -> p.segment().matches(aggregate)).findFirst().orElseThrow();
                    if (segment.handled(index)) {
                        continue;
                    }
                    left.add(serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes(5), byte[].class,
                            rs.getString(3), rs.getString(4))));
                    if (left.size() == BATCH) {
                        statistics.count(left);
                        left.clear();
                    }
                }
            }
            statistics.count(left);
        }
    }
}
