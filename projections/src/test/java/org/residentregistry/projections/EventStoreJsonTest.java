package org.residentregistry.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

/** Stored events are read for decades: the store's fast date reading must give what Jackson's time module gives. */
class EventStoreJsonTest {

    private static final ObjectMapper STORE = EventStoreJson.mapper();
    private static final ObjectMapper MODULE = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private static <T> void readsAsTheModule(Class<T> type, List<String> texts) throws Exception {
        for (String text : texts) {
            String json = "\"" + text + "\"";
            T expected = MODULE.readValue(json, type);
            T read = STORE.readValue(json, type);
            assertThat(read).as(text).isEqualTo(expected);
            assertThat(read.toString()).as(text).isEqualTo(expected.toString());
        }
    }

    @Test
    void readsDatesAndInstantsAsJacksonsTimeModuleDoes() throws Exception {
        readsAsTheModule(LocalDate.class, List.of("2026-12-01", "1900-01-01", "2024-02-29", "+10000-01-01"));
        readsAsTheModule(Instant.class, List.of("2026-12-01T10:15:30Z", "2026-12-01T10:15:30.1Z",
                "2026-12-01T10:15:30.123456Z", "2026-12-01T10:15:30.123456789Z", "1969-12-31T23:59:59.999Z",
                "2026-12-01T10:15:30+09:00", "1700000000", "2026-12-01T24:00:00Z", "2016-12-31T23:59:60Z"));
        readsAsTheModule(OffsetDateTime.class, List.of("2026-12-01T19:15:30+09:00", "2026-12-01T19:15:30.5+09:00",
                "2026-12-01T10:15:30Z", "2026-12-01T05:15:30.000001-05:30", "2026-12-01T19:15:30+09:00:00"));
    }

    @Test
    void rejectsWhatTheModuleRejects() {
        record Invalid(Class<?> type, String text) {
        }
        for (Invalid invalid : List.of(new Invalid(LocalDate.class, "2026-02-30"), new Invalid(LocalDate.class, "2026-13-01"),
                new Invalid(Instant.class, "2026-12-01T10:15:30"), new Invalid(Instant.class, "2026-12-01T10:61:00Z"),
                new Invalid(OffsetDateTime.class, "2026-12-01T10:15:30+19:00"))) {
            String json = "\"" + invalid.text() + "\"";
            Class<? extends Throwable> rejection = catchThrowable(() -> MODULE.readValue(json, invalid.type())).getClass();
            assertThatThrownBy(() -> STORE.readValue(json, invalid.type())).as(invalid.text()).isExactlyInstanceOf(rejection);
        }
    }

    @Test
    void writesAsBefore() throws Exception {
        OffsetDateTime notified = OffsetDateTime.parse("2026-12-01T19:15:30.25+09:00");
        assertThat(STORE.writeValueAsString(notified)).isEqualTo(MODULE.writeValueAsString(notified));
        assertThat(STORE.readValue(STORE.writeValueAsString(notified), OffsetDateTime.class).toInstant())
                .isEqualTo(notified.toInstant());
    }
}
