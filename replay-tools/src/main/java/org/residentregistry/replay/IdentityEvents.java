package org.residentregistry.replay;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.axonframework.serialization.Revision;
import org.residentregistry.core.identity.IdentityEvent;
import org.residentregistry.projections.EventStoreJson;

/**
 * Reads stored payloads back into the identity file's events with the mapping the server writes them with. Only
 * the event types of the domain are read, each at the revision its class declares: a payload type is never taken
 * as a class name to load, and an event written by another version of the registry is reported, not guessed at.
 */
final class IdentityEvents {

    static final ObjectMapper STORE_JSON = EventStoreJson.mapper();

    private record EventType(String revision, ObjectReader reader) {
    }

    private static final Map<String, EventType> TYPES = Arrays.stream(IdentityEvent.class.getPermittedSubclasses())
            .collect(Collectors.toUnmodifiableMap(Class::getName, type -> new EventType(
                    type.getAnnotation(Revision.class).value(), STORE_JSON.readerFor(type))));

    private IdentityEvents() {
    }

    static IdentityEvent decode(StoredEvent event) throws UnreadableEventException {
        return decode(event, reader -> reader.readValue(event.payload()));
    }

    /** The payload as a JSON tree, to write it out as stored. */
    static JsonNode parse(StoredEvent event) throws UnreadableEventException {
        try {
            return STORE_JSON.readTree(event.payload());
        } catch (IOException e) {
            throw new UnreadableEventException(describe(event) + " is not well-formed JSON");
        }
    }

    /** The event of a payload parsed by {@link #parse}. */
    static IdentityEvent decode(StoredEvent event, JsonNode payload) throws UnreadableEventException {
        return decode(event, reader -> reader.readValue(payload));
    }

    private interface Reading {
        IdentityEvent read(ObjectReader reader) throws IOException;
    }

    private static IdentityEvent decode(StoredEvent event, Reading reading) throws UnreadableEventException {
        EventType type = TYPES.get(event.payloadType());
        if (type == null) {
            throw new UnreadableEventException(describe(event) + " has a type this tool does not know");
        }
        if (!Objects.equals(type.revision(), event.payloadRevision())) {
            throw new UnreadableEventException(describe(event) + " has a revision this tool does not read (it reads "
                    + type.revision() + ")");
        }
        try {
            return reading.read(type.reader());
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
    static String typeName(IdentityEvent event) {
        return event.getClass().getSimpleName();
    }
}
