package org.residentregistry.projections.relay;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.residentregistry.core.identity.IdentityEvent;
import org.residentregistry.core.identity.IdentityNotification;
import org.residentregistry.core.identity.ResidentStatus;
import org.residentregistry.core.notification.NotificationOutcome;
import org.residentregistry.core.overseas.ChangeKind;
import org.residentregistry.core.overseas.OverseasEvent;
import org.residentregistry.core.overseas.OverseasNotification;
import org.residentregistry.core.overseas.OverseasStatus;
import org.residentregistry.core.relay.RelayedChange;
import org.residentregistry.projections.EventStoreJson;

/**
 * A change as a national server receives it, made from its event as the store holds it when it is sent. The outbox
 * keeps only a reference to the event (its identifier), because a copy of the change would be written a second time
 * at every notification, in the transaction the municipal server waits for: a fifth of ingest's statement time and
 * of its WAL. The event is stored for good, so the change made from it is the same at every attempt.
 */
final class RelayedChanges {

    /** The file a change belongs to, as the national servers are told it. */
    private static final String IDENTITY_FILE = "IDENTITY";
    private static final String OVERSEAS_FILE = "OVERSEAS";

    private static final ObjectMapper JSON = EventStoreJson.mapper();
    /** Reads both forms of dates the store has held ({@link EventStoreJson}). */
    private static final Serializer EVENTS = JacksonSerializer.builder().objectMapper(JSON).build();

    private RelayedChanges() {
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

    /** The change of outbox row {@code id}, whose event the store holds as {@code payload} of {@code payloadType}. */
    static RelayedChange of(long id, String idempotencyKey, String payloadType, String payloadRevision, byte[] payload) {
        Object event = EVENTS.deserialize(new SimpleSerializedObject<>(payload, byte[].class, payloadType, payloadRevision));
        return new RelayedChange(id, idempotencyKey, json(change(idempotencyKey, event)));
    }

    private static Object change(String idempotencyKey, Object event) {
        String changeType = event.getClass().getSimpleName();
        if (event instanceof IdentityEvent identity) {
            return new IdentityChange(idempotencyKey, IDENTITY_FILE, identity.residentCode().value(), identity.version(),
                    changeType, identity.status(), identity.effect(), identity.receivedAt(), identity.notification());
        }
        if (event instanceof OverseasEvent overseas) {
            OverseasNotification notification = overseas.notification();
            return new OverseasChange(idempotencyKey, OVERSEAS_FILE, overseas.residentCode().value(), overseas.version(),
                    changeType, notification.changeKind(), overseas.status(), overseas.receivedAt(), notification);
        }
        // Only the outbox's own projection writes rows, and only for these two kinds of event.
        throw new IllegalStateException("An outbox row refers to an event of neither file: " + changeType);
    }

    private static String json(Object change) {
        try {
            return JSON.writeValueAsString(change);
        } catch (JsonProcessingException notSerialisable) {
            // The same records were read from JSON a moment ago.
            throw new IllegalStateException("A relayed change could not be written as JSON", notSerialisable);
        }
    }
}
