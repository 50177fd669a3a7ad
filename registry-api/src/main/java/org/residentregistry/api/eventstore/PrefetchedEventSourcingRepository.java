package org.residentregistry.api.eventstore;

import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * The event-sourced repository of an aggregate that a batch's loads find among its prefetched events
 * ({@link PrefetchingJdbcEventStorageEngine}). Axon's repository tells {@code loadOrCreate} that an aggregate has no
 * events yet by throwing an {@link AggregateNotFoundException}, which it catches to create the aggregate. In an initial
 * load that is every notification, and filling in the exception's stack trace (some 150 frames under Tomcat, Spring
 * and Axon) took 6% of the server's CPU. For an aggregate the batch prefetched and found without events, this
 * repository throws one exception made once instead. It must be that exact class, which is all that
 * {@code loadOrCreate} catches, so a subclass without a stack trace cannot stand in; it names no aggregate, so no
 * resident code can reach a log through it.
 */
public final class PrefetchedEventSourcingRepository<T> extends EventSourcingRepository<T> {

    private static final AggregateNotFoundException NO_EVENTS_PREFETCHED =
            new AggregateNotFoundException("", "The batch's prefetched events hold none of this aggregate");

    private PrefetchedEventSourcingRepository(Builder<T> builder) {
        super(builder);
    }

    public static <T> PrefetchedEventSourcingRepository<T> of(Class<T> aggregateType, EventStore eventStore) {
        return new PrefetchedEventSourcingRepository<>(EventSourcingRepository.builder(aggregateType).eventStore(eventStore));
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        if (PrefetchingJdbcEventStorageEngine.prefetchedWithoutEvents(aggregateIdentifier)) {
            throw NO_EVENTS_PREFETCHED;
        }
        return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
    }
}
