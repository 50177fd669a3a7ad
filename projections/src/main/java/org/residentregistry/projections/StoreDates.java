package org.residentregistry.projections;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;

/**
 * Reads the dates and instants of stored events as Jackson's Java time module does, faster: the forms the store
 * writes ({@code 2026-12-01}, {@code 2026-12-01T10:15:30.123456Z}, {@code 2026-12-01T19:15:30+09:00}) are parsed
 * by hand, anything else by the module's own deserializer. Reading them through {@code DateTimeFormatter} was a
 * quarter of a rebuild's CPU on the server. Writing is the module's, unchanged.
 */
final class StoreDates {

    private StoreDates() {
    }

    static SimpleModule module() {
        return new SimpleModule("store-dates")
                .addDeserializer(LocalDate.class, new Fast<>(LocalDate.class, LocalDateDeserializer.INSTANCE) {
                    @Override
                    LocalDate parse(String s, DeserializationContext ctxt) {
                        return s.length() == 10 ? date(s) : null;
                    }
                })
                .addDeserializer(Instant.class, new Fast<>(Instant.class, InstantDeserializer.INSTANT) {
                    @Override
                    Instant parse(String s, DeserializationContext ctxt) {
                        int end = s.length() - 1;
                        if (end < 19 || s.charAt(end) != 'Z') {
                            return null;
                        }
                        LocalDateTime time = dateTime(s, end);
                        return time == null ? null : time.toInstant(ZoneOffset.UTC);
                    }
                })
                .addDeserializer(OffsetDateTime.class, new Fast<>(OffsetDateTime.class, InstantDeserializer.OFFSET_DATE_TIME) {
                    @Override
                    OffsetDateTime parse(String s, DeserializationContext ctxt) {
                        int end = s.length() - 1;
                        ZoneOffset offset;
                        if (end >= 19 && s.charAt(end) == 'Z') {
                            offset = ZoneOffset.UTC;
                        } else if (end >= 24 && (s.charAt(end - 5) == '+' || s.charAt(end - 5) == '-') && s.charAt(end - 2) == ':'
                                && digits(s, end - 4, end - 2) && digits(s, end - 1, end + 1)) {
                            int sign = s.charAt(end - 5) == '-' ? -1 : 1;
                            offset = ZoneOffset.ofHoursMinutes(sign * number(s, end - 4, end - 2), sign * number(s, end - 1, end + 1));
                            end -= 5;
                        } else {
                            return null;
                        }
                        LocalDateTime time = dateTime(s, end);
                        if (time == null) {
                            return null;
                        }
                        OffsetDateTime value = OffsetDateTime.of(time, offset);
                        // As the module does by default: adjusted to the context's time zone (UTC unless set).
                        if (!ctxt.isEnabled(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)) {
                            return value;
                        }
                        ZoneId zone = ctxt.getTimeZone().toZoneId();
                        return value.withOffsetSameInstant(zone.getRules().getOffset(value.toLocalDateTime()));
                    }
                });
    }

    /** A deserializer that parses the store's own form by hand, and hands anything else to {@code standard}. */
    private abstract static class Fast<T> extends StdScalarDeserializer<T> {
        private final JsonDeserializer<T> standard;

        Fast(Class<T> type, JsonDeserializer<T> standard) {
            super(type);
            this.standard = standard;
        }

        /** The value, or null when {@code s} is not in the store's form (or not a valid date). */
        abstract T parse(String s, DeserializationContext ctxt);

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                try {
                    T value = parse(p.getText(), ctxt);
                    if (value != null) {
                        return value;
                    }
                } catch (DateTimeException e) {
                    // Not a valid date: the standard deserializer says so in its own words.
                }
            }
            return standard.deserialize(p, ctxt);
        }
    }

    /** {@code yyyy-MM-dd} at the start of {@code s}, or null. */
    private static LocalDate date(String s) {
        if (!digits(s, 0, 4) || s.charAt(4) != '-' || !digits(s, 5, 7) || s.charAt(7) != '-' || !digits(s, 8, 10)) {
            return null;
        }
        return LocalDate.of(number(s, 0, 4), number(s, 5, 7), number(s, 8, 10));
    }

    /** {@code yyyy-MM-ddTHH:mm:ss} and an optional fraction of 1 to 9 digits, up to {@code end}; or null. */
    private static LocalDateTime dateTime(String s, int end) {
        LocalDate date = date(s);
        if (date == null || s.charAt(10) != 'T' || !digits(s, 11, 13) || s.charAt(13) != ':' || !digits(s, 14, 16)
                || s.charAt(16) != ':' || !digits(s, 17, 19)) {
            return null;
        }
        int nanos = 0;
        if (end > 19) {
            int digits = end - 20;
            if (s.charAt(19) != '.' || digits < 1 || digits > 9 || !digits(s, 20, end)) {
                return null;
            }
            nanos = number(s, 20, end);
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        }
        return LocalDateTime.of(date.getYear(), date.getMonthValue(), date.getDayOfMonth(), number(s, 11, 13),
                number(s, 14, 16), number(s, 17, 19), nanos);
    }

    private static boolean digits(String s, int from, int to) {
        if (to > s.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (s.charAt(i) - '0');
        }
        return n;
    }
}
