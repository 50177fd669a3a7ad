package org.residentregistry.projections;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * How events and tokens are written in the event store: one mapping, shared by the server that writes them
 * and the tools that read them back. Stored events are read for decades, so this mapper belongs to the store
 * alone: no web setting reaches it, and a change to how the API writes JSON never changes how the store does.
 */
public final class EventStoreJson {

    private EventStoreJson() {
    }

    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }
}
