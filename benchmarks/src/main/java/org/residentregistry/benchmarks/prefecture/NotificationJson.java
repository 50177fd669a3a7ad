package org.residentregistry.benchmarks.prefecture;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;

/**
 * Notifications and batches as interface.md writes them: dates {@code 2026-04-01}, instants with their offset and
 * seconds ({@code 2026-04-02T09:15:00+09:00}), {@code null} written out, fields in the interface's order.
 */
public final class NotificationJson {

    /** Seconds always written, even when zero, so every instant has the same shape. */
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private final ObjectWriter writer;

    public NotificationJson() {
        SimpleModule dates = new SimpleModule("interface-dates")
                .addSerializer(LocalDate.class, ToStringSerializer.instance)
                .addSerializer(OffsetDateTime.class, new StdSerializer<>(OffsetDateTime.class) {
                    @Override
                    public void serialize(OffsetDateTime value, JsonGenerator json, SerializerProvider provider)
                            throws IOException {
                        json.writeString(INSTANT.format(value));
                    }
                });
        this.writer = new ObjectMapper()
                .registerModule(dates)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writer();
    }

    public byte[] bytes(Object value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notification that cannot be written as JSON", e);
        }
    }

    /** One value on one line, as a JSON Lines file holds it. */
    public void writeLine(Object value, OutputStream out) {
        try {
            writer.writeValue(out, value);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
