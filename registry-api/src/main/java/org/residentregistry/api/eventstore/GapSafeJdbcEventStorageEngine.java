package org.residentregistry.api.eventstore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Axon's JDBC storage engine, except that a gap in the global index is given up only when PostgreSQL says
 * the transaction that held it has ended without committing, never because time has passed.
 *
 * <p>Axon's own rule drops gaps whose neighbours are older than a timeout, or all gaps of a token as soon as
 * it reads an event older than that timeout: a transaction that commits late, or a processor that reads late,
 * then skips events for good (Axon issue 4829). Here the engine is built with both of Axon's mechanisms
 * switched off, and {@link SettledPositions} decides instead.
 */
public class GapSafeJdbcEventStorageEngine extends JdbcEventStorageEngine {

    private final JdbcTemplate jdbc;
    private final SettledPositions settledPositions;
    private final String eventTable;
    private final String globalIndexColumn;
    private volatile long settled;

    GapSafeJdbcEventStorageEngine(Builder builder, JdbcTemplate jdbc, TransactionTemplate transactions,
                                  String globalIndexSequence) {
        super(builder.gapCleaningThreshold(Integer.MAX_VALUE).maxGapOffset(Integer.MAX_VALUE));
        this.jdbc = jdbc;
        this.settledPositions = new SettledPositions(jdbc, transactions, globalIndexSequence);
        this.eventTable = schema().domainEventTable();
        this.globalIndexColumn = schema().globalIndexColumn();
    }

    /**
     * Observes the store and answers the position up to which every position is settled: one that holds no event by
     * then never will. A rebuild's bulk load reads the store itself and takes its gaps by the same rule.
     */
    public long settledUpTo() {
        return settledPositions.settledUpTo();
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        GapAwareTrackingToken token = (GapAwareTrackingToken) lastToken;
        if (token == null || !token.getGaps().isEmpty()) {
            // Only a first token or one with gaps needs to know what is settled. A stale answer is safe: it is
            // never higher than the truth, so it can only keep a gap longer.
            settled = settledPositions.settledUpTo();
        }
        return super.fetchTrackedEvents(withoutLostGaps(token), batchSize);
    }

    /** The token without the gaps that are settled and hold no event: those will never be filled. */
    private GapAwareTrackingToken withoutLostGaps(GapAwareTrackingToken token) {
        if (token == null || token.getGaps().isEmpty() || token.getGaps().first() > settled) {
            return token;
        }
        SortedSet<Long> settledGaps = token.getGaps().headSet(settled + 1);
        Set<Long> filled = new HashSet<>(jdbc.queryForList(
                "SELECT " + globalIndexColumn + " FROM " + eventTable + " WHERE " + globalIndexColumn + " = ANY (?)",
                Long.class, (Object) settledGaps.toArray(Long[]::new)));
        SortedSet<Long> remaining = new TreeSet<>(token.getGaps().tailSet(settled + 1));
        settledGaps.stream().filter(filled::contains).forEach(remaining::add);
        return GapAwareTrackingToken.newInstance(token.getIndex(), remaining);
    }

    /**
     * Axon's version drops every gap when the event read is older than the gap timeout; this one keeps
     * every gap, and a first token counts as gaps only the positions not yet settled.
     */
    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedDomainEventData<?> event = (TrackedDomainEventData<?>) super.getTrackedEventData(resultSet, previousToken);
        long index = resultSet.getLong(globalIndexColumn);
        GapAwareTrackingToken token = previousToken == null
                ? GapAwareTrackingToken.newInstance(index, LongStream.range(Math.min(settled + 1, index), index)
                        .boxed().collect(Collectors.toCollection(TreeSet::new)))
                : advance(previousToken, index);
        return new TrackedDomainEventData<>(token, event);
    }

    /**
     * Axon's advance, except that the positions skipped which are settled are no gaps: the fetch that read this event
     * began after they were settled and read in order, so they hold no event and never will (rolled back, or deleted
     * by a retention purge). A purge can leave holes of millions of positions, which would otherwise all become gaps.
     */
    private GapAwareTrackingToken advance(GapAwareTrackingToken previous, long index) {
        if (index <= previous.getIndex() || previous.getGaps().contains(index)) {
            return previous.advanceTo(index, Integer.MAX_VALUE);
        }
        TreeSet<Long> gaps = new TreeSet<>(previous.getGaps());
        LongStream.range(Math.max(previous.getIndex() + 1, settled + 1), index).forEach(gaps::add);
        return GapAwareTrackingToken.newInstance(index, gaps);
    }
}
