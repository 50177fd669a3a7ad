package org.residentregistry.api.eventstore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The gap-safe engine, able to load the events of many aggregates in one query. A batch of notifications
 * touches up to a thousand residents; loading each one's events with its own queries (Axon asks twice per
 * aggregate, plus once for a snapshot) made those round trips the bulk of the ingest time. A caller that
 * knows which aggregates a unit of work will load {@link #prefetch prefetches} them; loads in that unit of
 * work are then answered from memory. What was prefetched is only a starting point: an append still fails on
 * the store's unique key if another transaction appended meanwhile, and the caller retries.
 *
 * <p>The registry takes no snapshots (an entry has a handful of events), so the snapshot table is never read,
 * and aggregate sequence numbers have no gaps, so a short batch ends an aggregate's stream.
 */
public class PrefetchingJdbcEventStorageEngine extends GapSafeJdbcEventStorageEngine {

    private static final String PREFETCHED = PrefetchingJdbcEventStorageEngine.class.getName() + ".prefetched";

    private final JdbcTemplate jdbc;

    PrefetchingJdbcEventStorageEngine(Builder builder, JdbcTemplate jdbc, TransactionTemplate transactions,
                                      String globalIndexSequence) {
        super(builder, jdbc, transactions, globalIndexSequence);
        this.jdbc = jdbc;
    }

    /** Loads the events of every aggregate named, for the loads of the current unit of work. */
    public void prefetch(Collection<String> aggregateIdentifiers) {
        Map<String, List<DomainEventData<?>>> events = new HashMap<>();
        aggregateIdentifiers.forEach(id -> events.put(id, new ArrayList<>()));
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("SELECT " + trackedEventFields() + " FROM "
                    + schema().domainEventTable() + " WHERE " + schema().aggregateIdentifierColumn() + " = ANY (?) ORDER BY "
                    + schema().aggregateIdentifierColumn() + ", " + schema().sequenceNumberColumn());
            statement.setArray(1, connection.createArrayOf("varchar", events.keySet().toArray()));
            return statement;
        }, (ResultSet rs) -> {
            DomainEventData<?> event = getDomainEventData(rs);
            events.get(event.getAggregateIdentifier()).add(event);
        });
        CurrentUnitOfWork.get().root().resources().put(PREFETCHED, events);
    }

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier, long firstSequenceNumber,
                                                                   int batchSize) {
        List<DomainEventData<?>> prefetched = prefetched().get(aggregateIdentifier);
        if (prefetched == null) {
            return super.fetchDomainEvents(aggregateIdentifier, firstSequenceNumber, batchSize);
        }
        return prefetched.stream()
                .filter(event -> event.getSequenceNumber() >= firstSequenceNumber)
                .limit(batchSize)
                .toList();
    }

    /**
     * Whether the current unit of work prefetched {@code aggregateIdentifier} and found no event of it: a load would
     * find it empty.
     */
    static boolean prefetchedWithoutEvents(String aggregateIdentifier) {
        List<DomainEventData<?>> prefetched = prefetched().get(aggregateIdentifier);
        return prefetched != null && prefetched.isEmpty();
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return Stream.empty();
    }

    @Override
    protected boolean fetchForAggregateUntilEmpty() {
        return false;
    }

    private static Map<String, List<DomainEventData<?>>> prefetched() {
        if (!CurrentUnitOfWork.isStarted()) {
            return Map.of();
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Map<String, List<DomainEventData<?>>> prefetched = root.getResource(PREFETCHED);
        return prefetched == null ? Map.of() : prefetched;
    }
}
