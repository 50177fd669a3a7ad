package org.residentregistry.core.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;
import java.util.Objects;

/**
 * A retention period — 保存期間 (domain.md §6): an ISO-8601 period of the calendar ({@code P150Y}, {@code P30D}) or a
 * duration ({@code PT10S}, {@code P1DT2H}), counted in UTC. A duration is accepted so that short periods can be
 * configured (tests, trials); the Cabinet Order's periods are years.
 */
public final class RetentionPeriod {

    private final String text;
    private final TemporalAmount amount;

    private RetentionPeriod(String text, TemporalAmount amount) {
        this.text = text;
        this.amount = amount;
    }

    /** Parses {@code text} as {@link Period} or, failing that, as {@link Duration}; a negative one is refused. */
    public static RetentionPeriod of(String text) {
        Objects.requireNonNull(text, "text");
        TemporalAmount amount;
        try {
            amount = Period.parse(text);
        } catch (DateTimeParseException notAPeriod) {
            try {
                amount = Duration.parse(text);
            } catch (DateTimeParseException notADuration) {
                throw new IllegalArgumentException("A retention period is an ISO-8601 period or duration, such as P150Y or PT10S");
            }
        }
        if (amount instanceof Period p ? p.isNegative() : ((Duration) amount).isNegative()) {
            throw new IllegalArgumentException("A retention period cannot be negative");
        }
        return new RetentionPeriod(text, amount);
    }

    /** The instant the period that starts at {@code start} ends. */
    public Instant endOf(Instant start) {
        return start.atOffset(ZoneOffset.UTC).plus(amount).toInstant();
    }

    /**
     * The latest start whose period has surely ended by {@code now}: every start up to it has. Calendar periods
     * counted back can land a day short of counting forward (29 February), so this errs on the side of keeping.
     */
    public Instant latestEndedStart(Instant now) {
        Instant back = now.atOffset(ZoneOffset.UTC).minus(amount).toInstant();
        return amount instanceof Period ? back.minus(Duration.ofDays(1)) : back;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetentionPeriod other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
