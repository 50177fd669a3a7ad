package org.residentregistry.projections.relay;

import java.sql.Timestamp;
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
import org.residentregistry.core.notification.NotificationOutcome;
import org.residentregistry.core.relay.RelayDestination;
import org.residentregistry.projections.EventStoreJson;
import org.residentregistry.projections.PendingWrites;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The relay's outbox — 全国サーバへの通知待ち: every applied change of the identity file, written by a subscribing
 * processor in the transaction that applies it, in one JDBC batch per event batch. So a change is relayed if and
 * only if it was committed. The event's identifier is the change's idempotency key: unique, stable, and free of
 * personal data.
 */
@ProcessingGroup(RelayOutboxProjection.PROCESSING_GROUP)
public class RelayOutboxProjection {

    public static final String PROCESSING_GROUP = "relay-outbox";

    /** The file a change belongs to, as the national servers are told it. */
    static final String IDENTITY_FILE = "IDENTITY";

    private static final String INSERT = "INSERT INTO relay_outbox (destination, person, version, idempotency_key,"
            + " municipality_code, update_sequence, payload, recorded_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String PENDING = RelayOutboxProjection.class.getName() + ".pending";
    private static final ObjectMapper JSON = EventStoreJson.mapper();

    private final JdbcTemplate jdbc;

    public RelayOutboxProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One identity-file change as a national server receives it: the notification as applied (the whole
     * record after the change), the version it made, and what it did to the record.
     */
    record IdentityChange(String idempotencyKey, String file, String residentCode, int version, String changeType,
                          ResidentStatus status, NotificationOutcome.Effect effect, Instant receivedAt,
                          IdentityNotification notification) {
    }

    private record Entry(String key, IdentityEvent event) {
    }

    @EventHandler
    void on(IdentityEvent event, @MessageIdentifier String eventIdentifier) {
        PendingWrites.in(CurrentUnitOfWork.get(), PENDING, ArrayList<Entry>::new, this::flush)
                .add(new Entry(eventIdentifier, event));
    }

    private void flush(List<Entry> entries) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.batchUpdate(INSERT, entries, entries.size(), (ps, entry) -> {
            IdentityEvent e = entry.event();
            int i = 0;
            ps.setString(++i, RelayDestination.IDENTITY_NATIONAL.name());
            ps.setString(++i, e.residentCode().value());
            ps.setInt(++i, e.version());
            ps.setString(++i, entry.key());
            ps.setString(++i, e.notification().key().municipalityCode().value());
            ps.setLong(++i, e.notification().key().updateSequence());
            ps.setString(++i, payload(entry));
            ps.setTimestamp(++i, now);
            ps.setTimestamp(++i, now);
        });
    }

    private static String payload(Entry entry) {
        IdentityEvent e = entry.event();
        try {
            return JSON.writeValueAsString(new IdentityChange(entry.key(), IDENTITY_FILE, e.residentCode().value(),
                    e.version(), e.getClass().getSimpleName(), e.status(), e.effect(), e.receivedAt(), e.notification()));
        } catch (JsonProcessingException notSerialisable) {
            // The same mapper wrote the event into the store a moment ago; failing here rolls the batch back.
            throw new IllegalStateException("A relayed change could not be written as JSON", notSerialisable);
        }
    }
}
