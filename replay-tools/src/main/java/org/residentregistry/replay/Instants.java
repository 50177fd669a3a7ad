package org.residentregistry.replay;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.function.Function;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The instants the options take: ISO-8601 with an offset ({@code 2026-04-01T09:00:00+09:00}), or a date, read in
 * Japan's time as the server reads {@code asOf}. What a date means depends on the option: see the converters.
 */
final class Instants {

    /** The registry's zone: dates in options are days in Japan. */
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private Instants() {
    }

    private static Instant parse(String text, Function<LocalDate, Instant> ofDate) {
        try {
            return text.length() == 10 ? ofDate.apply(LocalDate.parse(text)) : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new TypeConversionException("'" + text + "' is neither an instant with an offset"
                    + " (2026-04-01T09:00:00+09:00) nor a date (2026-04-01)");
        }
    }

    private static Instant startOf(LocalDate date) {
        return date.atStartOfDay(JAPAN).toInstant();
    }

    /** {@code --as-of}: a date means the end of that day, its last microsecond (PostgreSQL's precision), as the server's asOf. */
    static final class EndOfDay implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String text) {
            return parse(text, date -> startOf(date.plusDays(1)).minusNanos(1_000));
        }
    }

    /** The start of a period: a date means the start of that day. */
    static final class StartOfDay implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String text) {
            return parse(text, Instants::startOf);
        }
    }

    /** The (excluded) end of a period: a date means the start of the next day, so that day is in the period. */
    static final class StartOfNextDay implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String text) {
            return parse(text, date -> startOf(date.plusDays(1)));
        }
    }
}
