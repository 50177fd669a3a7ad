package org.residentregistry.projections.relay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.residentregistry.core.identity.IdentityEvent;
import org.residentregistry.core.notification.NotificationKey;
import org.residentregistry.core.overseas.OverseasEvent;
import org.residentregistry.core.relay.RelayDestination;
import org.residentregistry.projections.ArrayRows;
import org.residentregistry.projections.PendingWrites;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The relay's outbox — 全国サーバへの通知待ち: every applied change of either file, the identity file's for the
 * national server and the overseas file's for the annex national server, written by a subscribing processor in
 * the transaction that applies it, in one statement per event batch. So a change is relayed if and only if it
 * was committed. The event's identifier is the change's idempotency key: unique, stable, and free of personal
 * data; it is also how the relay finds the event it sends ({@link RelayedChanges}), so a row holds no copy of it.
 */
@ProcessingGroup(RelayOutboxProjection.PROCESSING_GROUP)
public class RelayOutboxProjection {

    public static final String PROCESSING_GROUP = "relay-outbox";

    private static final String COLUMNS = "destination, person, version, idempotency_key, municipality_code,"
            + " update_sequence, recorded_at, next_attempt_at";
    /**
     * A row per change in one statement ({@link ArrayRows}), ids in the changes' order, so that a person's are sent in
     * order: the ids are drawn as the rows are inserted, in the order of the SELECT's ORDER BY — the changes' positions
     * in the arrays — rather than in whatever order a plain SELECT of {@code unnest} happens to give.
     */
    private static final String INSERT = "INSERT INTO relay_outbox (" + COLUMNS + ") SELECT " + COLUMNS + " FROM "
            + ArrayRows.ROWS + " WITH ORDINALITY AS change (" + COLUMNS + ", n) ORDER BY n";
    private static final String PENDING = RelayOutboxProjection.class.getName() + ".pending";

    private final JdbcTemplate jdbc;

    public RelayOutboxProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A change bound for one destination: the person whose changes go in order, and the event to send. */
    private record Entry(RelayDestination destination, String person, int version, String idempotencyKey,
                         NotificationKey notificationKey) {
    }

    @EventHandler
    void on(IdentityEvent event, @MessageIdentifier String eventIdentifier) {
        add(new Entry(RelayDestination.IDENTITY_NATIONAL, event.residentCode().value(), event.version(), eventIdentifier,
                event.notification().key()));
    }

    @EventHandler
    void on(OverseasEvent event, @MessageIdentifier String eventIdentifier) {
        add(new Entry(RelayDestination.ANNEX_NATIONAL, event.residentCode().value(), event.version(), eventIdentifier,
                event.notification().key()));
    }

    private void add(Entry entry) {
        PendingWrites.in(CurrentUnitOfWork.get(), PENDING, ArrayList<Entry>::new, this::flush).add(entry);
    }

    private void flush(List<Entry> entries) {
        Instant now = Instant.now();
        ArrayRows.write(jdbc, INSERT, entries, (entry, values) -> {
            values.text(entry.destination().name());
            values.text(entry.person());
            values.integer(entry.version());
            values.text(entry.idempotencyKey());
            values.text(entry.notificationKey().municipalityCode().value());
            values.bigint(entry.notificationKey().updateSequence());
            values.timestamp(now);
            values.timestamp(now);
        });
    }
}
