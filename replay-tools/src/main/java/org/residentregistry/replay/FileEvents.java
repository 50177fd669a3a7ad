package org.residentregistry.replay;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.axonframework.serialization.Revision;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.identity.IdentityEvent;
import org.residentregistry.core.notification.NotificationKey;
import org.residentregistry.core.notification.NotificationOutcome.Effect;
import org.residentregistry.core.overseas.OverseasEvent;
import org.residentregistry.core.overseas.OverseasIdentity;
import org.residentregistry.projections.EventStoreJson;
import org.residentregistry.projections.identity.IdentityRow;
import org.residentregistry.projections.overseas.OverseasRow;

/**
 * One file's events in the store: its aggregate type and identifiers, and how its stored payloads read back, with
 * the store's mapping (either form of its dates). Only the event types of the domain are read, each at the revision its
 * class declares: a payload type is never taken as a class name to load, and an event written by another version of
 * the registry is reported, not guessed at. The row an event makes is the projection's own mapping.
 */
final class FileEvents<E> {

    /** Reads what the store holds; writes the tool's output with dates and instants as ISO-8601 text. */
    static final ObjectMapper STORE_JSON = EventStoreJson.mapper();

    /** The identity file (本人確認情報ファイル): the bare resident code identifies a person's entry. */
    static final FileEvents<IdentityEvent> IDENTITY = new FileEvents<>(IdentityEvent.class, "ResidentIdentity",
            ResidentCode::value, id -> id, IdentityEvent::version, IdentityEvent::receivedAt, e -> e.notification().key(),
            e -> e.effect() == Effect.CURRENT_CHANGED, IdentityRow.class, IdentityRow::of, "identity_current",
            "identity_version", e -> e.status().name(), "held by", e -> e.holder().value());

    /** The overseas-address file (附票本人確認情報ファイル): every applied notification changes the current record. */
    static final FileEvents<OverseasEvent> OVERSEAS = new FileEvents<>(OverseasEvent.class, "OverseasIdentity",
            OverseasIdentity::aggregateId, id -> id.substring(id.indexOf('-') + 1), OverseasEvent::version,
            OverseasEvent::receivedAt, e -> e.notification().key(), e -> true, OverseasRow.class, OverseasRow::of,
            "overseas_current", "overseas_version", e -> e.status().name(), "managed by",
            e -> e.managingMunicipality().value());

    private record EventType(String revision, ObjectReader reader) {
    }

    final String aggregateType;
    private final Map<String, EventType> types;
    private final Function<ResidentCode, String> aggregateId;
    private final UnaryOperator<String> residentCodeOf;
    final ToIntFunction<E> version;
    final Function<E, Instant> receivedAt;
    final Function<E, NotificationKey> notificationKey;
    /** Whether an event changed the current record, not only the history: what the server's asOf rule counts. */
    final Predicate<E> changesCurrent;
    /** The type of the read-model rows, whose components are the columns of both tables. */
    final Class<? extends Record> rowType;
    /** The read-model row the event makes. */
    final Function<E, Record> row;
    /** The server's read models of the file: the current records, and one row per version. */
    final String currentTable;
    final String versionTable;
    /** The record's status after the event. */
    final Function<E, String> status;
    /** How the municipality responsible for the record relates to it, as the tables print it. */
    final String holderRole;
    /** The municipality responsible for the record after the event: holding it, or managing the annex. */
    final Function<E, String> holder;

    private FileEvents(Class<E> events, String aggregateType, Function<ResidentCode, String> aggregateId,
                       UnaryOperator<String> residentCodeOf, ToIntFunction<E> version, Function<E, Instant> receivedAt,
                       Function<E, NotificationKey> notificationKey, Predicate<E> changesCurrent,
                       Class<? extends Record> rowType, Function<E, ? extends Record> row, String currentTable,
                       String versionTable, Function<E, String> status, String holderRole, Function<E, String> holder) {
        this.aggregateType = aggregateType;
        this.residentCodeOf = residentCodeOf;
        this.rowType = rowType;
        this.currentTable = currentTable;
        this.versionTable = versionTable;
        this.types = Arrays.stream(events.getPermittedSubclasses())
                .collect(Collectors.toUnmodifiableMap(Class::getName, type -> new EventType(
                        type.getAnnotation(Revision.class).value(), STORE_JSON.readerFor(type))));
        this.aggregateId = aggregateId;
        this.version = version;
        this.receivedAt = receivedAt;
        this.notificationKey = notificationKey;
        this.changesCurrent = changesCurrent;
        this.row = row::apply;
        this.status = status;
        this.holderRole = holderRole;
        this.holder = holder;
    }

    /** The event store's identifier of a person's entry in this file. */
    String aggregateId(ResidentCode code) {
        return aggregateId.apply(code);
    }

    /** The resident code whose entry in this file an event store identifier names. */
    String residentCode(String aggregateIdentifier) {
        return residentCodeOf.apply(aggregateIdentifier);
    }

    /** The length of the longest event type name, to align a column of them. */
    int widestTypeName() {
        return types.keySet().stream().mapToInt(name -> name.substring(name.lastIndexOf('.') + 1).length()).max()
                .orElseThrow();
    }

    @SuppressWarnings("unchecked") // the reader is for one of E's permitted subclasses
    E decode(StoredEvent event) throws UnreadableEventException {
        EventType type = types.get(event.payloadType());
        if (type == null) {
            throw new UnreadableEventException(describe(event) + " has a type this tool does not know");
        }
        if (!Objects.equals(type.revision(), event.payloadRevision())) {
            throw new UnreadableEventException(describe(event) + " has a revision this tool does not read (it reads "
                    + type.revision() + ")");
        }
        try {
            return (E) type.reader().readValue(event.payload());
        } catch (JsonMappingException e) {
            // The path, not Jackson's message, which may quote the payload's values.
            throw new UnreadableEventException(describe(event) + " could not be read at " + e.getPathReference());
        } catch (IOException e) {
            throw new UnreadableEventException(describe(event) + " is not well-formed JSON");
        }
    }

    /** The event's position and type, never its resident code or payload. */
    private static String describe(StoredEvent event) {
        return "Event #" + event.globalIndex() + " (" + event.payloadType() + ", revision " + event.payloadRevision() + ")";
    }

    /** The short name of an event's type, as the tool prints it. */
    static String typeName(Object event) {
        return event.getClass().getSimpleName();
    }
}
