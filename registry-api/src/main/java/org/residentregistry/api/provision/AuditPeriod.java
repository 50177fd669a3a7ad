package org.residentregistry.api.provision;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.residentregistry.api.problem.FieldErrors;

/**
 * The period and page of an audit listing: {@code from} and {@code to} are instants with an offset, or dates read
 * in Japan's time ({@code from} the start of that day, {@code to} the start of the next, so that {@code to} includes
 * its day); {@code page} from 0, {@code size} 1 to {@value #MAX_SIZE} (default {@value #DEFAULT_SIZE}); {@code after}, the
 * keyset cursor, a seq: only rows after it (an index range, where a deep {@code page} costs an OFFSET that reads
 * every row before it), pages counted from there.
 */
public record AuditPeriod(Instant from, Instant to, int page, int size, Long after) {

    public static final int DEFAULT_SIZE = 100;
    public static final int MAX_SIZE = 1_000;
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    /** The period of the request's parameters; the bad ones are added to {@code errors}, which the caller throws. */
    public static AuditPeriod of(FieldErrors errors, String from, String to, Integer page, Integer size, Long after) {
        Instant start = instant(errors, "from", from, 0);
        Instant end = instant(errors, "to", to, 1);
        if (page != null && page < 0) {
            errors.add("page", FieldErrors.INVALID_VALUE, "must be 0 or more");
        }
        if (size != null && (size < 1 || size > MAX_SIZE)) {
            errors.add("size", FieldErrors.INVALID_VALUE, "must be from 1 to " + MAX_SIZE);
        }
        if (after != null && after < 0) {
            errors.add("after", FieldErrors.INVALID_VALUE, "must be 0 or more");
        }
        if (start != null && end != null && end.isBefore(start)) {
            errors.add("to", FieldErrors.INVALID_VALUE, "must not be before from");
        }
        return new AuditPeriod(start, end, page == null ? 0 : page, size == null ? DEFAULT_SIZE : size, after);
    }

    /**
     * Appends the period's conditions on {@code at} and the cursor's on {@code seq} to a WHERE clause, and their values
     * to its arguments.
     */
    public void where(StringBuilder sql, List<Object> arguments) {
        if (after != null) {
            sql.append(" AND seq > ?");
            arguments.add(after);
        }
        if (from != null) {
            sql.append(" AND at >= ?");
            arguments.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND at < ?");
            arguments.add(Timestamp.from(to));
        }
    }

    public long offset() {
        return (long) page * size;
    }

    /** The cursor of the page after one that holds {@code seqs}: its last seq if the page is full, else none. */
    public Long next(List<Long> seqs) {
        return seqs.size() == size ? seqs.get(seqs.size() - 1) : null;
    }

    private static Instant instant(FieldErrors errors, String field, String text, int daysAfter) {
        if (text == null) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).plusDays(daysAfter).atStartOfDay(JAPAN).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(field, FieldErrors.FORMAT, "must be an ISO-8601 instant with an offset, or a date YYYY-MM-DD");
            return null;
        }
    }
}
