package org.residentregistry.projections.relay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.residentregistry.core.identity.IdentityEvent;
import org.residentregistry.core.identity.IdentityNotification;
import org.residentregistry.core.identity.ResidentStatus;
import org.residentregistry.core.notification.NotificationKey;
import org.residentregistry.core.notification.NotificationOutcome;
import org.residentregistry.core.overseas.ChangeKind;
import org.residentregistry.core.overseas.OverseasEvent;
import org.residentregistry.core.overseas.OverseasNotification;
import org.residentregistry.core.overseas.OverseasStatus;
import org.residentregistry.core.relay.RelayDestination;
import org.residentregistry.projections.ArrayRows;
import org.residentregistry.projections.EventStoreJson;
import org.residentregistry.projections.PendingWrites;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The relay's outbox — 全国サーバへの通知待ち: every applied change of either file, the identity file's for the
 * national server and the overseas file's for the annex national server, written by a subscribing processor in
 * the transaction that applies it, in one statement per event batch. So a change is relayed if and only if it
 * was committed. The event's identifier is the change's idempotency key: unique, stable, and free of personal
 * data.
 */
@ProcessingGroup(RelayOutboxProjection.PROCESSING_GROUP)
public class RelayOutboxProjection {

    public static final String PROCESSING_GROUP = "relay-outbox";

    /** The file a change belongs to, as the national servers are told it. */
    private static final String IDENTITY_FILE = "IDENTITY";
    private static final String OVERSEAS_FILE = "OVERSEAS";

    private static final String COLUMNS = "destination, person, version, idempotency_key, municipality_code,"
            + " update_sequence, payload, recorded_at, next_attempt_at";
    /**
     * A row per change in one statement ({@link ArrayRows}), ids in the changes' order, so that a person's are sent in
     * order: the ids are drawn as the rows are inserted, in the order of the SELECT's ORDER BY — the changes' positions
     * in the arrays — rather than in whatever order a plain SELECT of {@code unnest} happens to give.
     */
    private static final String INSERT = "INSERT INTO relay_outbox (" + COLUMNS + ") SELECT " + COLUMNS + " FROM "
            + ArrayRows.ROWS + " WITH ORDINALITY AS change (" + COLUMNS + ", n) ORDER BY n";
    private static final String PENDING = RelayOutboxProjection.class.getName() + ".pending";
    private static final ObjectMapper JSON = EventStoreJson.mapper();

    private final JdbcTemplate jdbc;

    public RelayOutboxProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One identity-file change as the national server receives it: the notification as applied (the whole
     * record after the change), the version it made, and what it did to the record.
     */
    record IdentityChange(String idempotencyKey, String file, String residentCode, int version, String changeType,
                          ResidentStatus status, NotificationOutcome.Effect effect, Instant receivedAt,
                          IdentityNotification notification) {
    }

    /**
     * One overseas-file change as the annex national server receives it: the notification as applied (the whole
     * annex record after the change, with the managing municipality in its key), the version of the person's annex
     * record it made, from 1, its kind and the record's status after it.
     */
    record OverseasChange(String idempotencyKey, String file, String residentCode, int version, String changeType,
                          ChangeKind changeKind, OverseasStatus status, Instant receivedAt,
                          OverseasNotification notification) {
    }

    /** A change bound for one destination: the person whose changes go in order, and what is sent. */
    private record Entry(RelayDestination destination, String person, int version, String idempotencyKey,
                         NotificationKey notificationKey, Object change) {
    }

    @EventHandler
    void on(IdentityEvent event, @MessageIdentifier String eventIdentifier) {
        String person = event.residentCode().value();
        add(new Entry(RelayDestination.IDENTITY_NATIONAL, person, event.version(), eventIdentifier,
                event.notification().key(), new IdentityChange(eventIdentifier, IDENTITY_FILE, person, event.version(),
                        event.getClass().getSimpleName(), event.status(), event.effect(), event.receivedAt(),
                        event.notification())));
    }

    @EventHandler
    void on(OverseasEvent event, @MessageIdentifier String eventIdentifier) {
        String person = event.residentCode().value();
        OverseasNotification notification = event.notification();
        add(new Entry(RelayDestination.ANNEX_NATIONAL, person, event.version(), eventIdentifier, notification.key(),
                new OverseasChange(eventIdentifier, OVERSEAS_FILE, person, event.version(),
                        event.getClass().getSimpleName(), notification.changeKind(), event.status(),
                        event.receivedAt(), notification)));
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
            values.text(payload(entry.change()));
            values.timestamp(now);
            values.timestamp(now);
        });
    }

    private static String payload(Object change) {
        try {
            return JSON.writeValueAsString(change);
        } catch (JsonProcessingException notSerialisable) {
            // The same mapper wrote the event into the store a moment ago; failing here rolls the batch back.
            throw new IllegalStateException("A relayed change could not be written as JSON", notSerialisable);
        }
    }
}
