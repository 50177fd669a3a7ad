package org.residentregistry.projections;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON of the event store's records: one mapping, shared by the server that writes events and the tools that read
 * them back. Stored events are read for decades, so this mapping belongs to the store alone: no web setting reaches
 * it, and a change to how the API writes JSON never changes how the store does.
 *
 * <p>Two forms of dates, read alike. The store writes dates as {@code [year, month, day]} and instants as decimal
 * seconds with nanoseconds ({@link #storage()}), which Jackson's time module reads without a {@code DateTimeFormatter}
 * (a quarter of a rebuild's reading of events went there); JSON that leaves the store — the relay's payloads, the
 * replay tools' output — keeps ISO-8601 text ({@link #mapper()}). The time module reads both forms whichever mapper
 * reads, so events stored as text before keep reading as they were, with no new revision or upcaster: the events'
 * structure is unchanged, and a node of the previous version reads the numeric form too. An offset date-time (a
 * notification's {@code notifiedAt}) stays text in both: as a number it would lose the offset the municipality sent.
 */
public final class EventStoreJson {

    private EventStoreJson() {
    }

    /** How Axon's serializer writes (and reads) events and tokens in the store: dates and instants as numbers. */
    public static ObjectMapper storage() {
        return builder()
                .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
                .withConfigOverride(OffsetDateTime.class,
                        override -> override.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)))
                .build();
    }

    /** The same records with dates and instants as ISO-8601 text, for JSON read outside the store; reads both forms. */
    public static ObjectMapper mapper() {
        return builder().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    }

    private static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                // An offset is read as written, not moved to UTC: an event read back equals the one written.
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // An instant read through a JSON tree (an upcaster's) keeps its nanoseconds: as a double it would not.
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }
}
