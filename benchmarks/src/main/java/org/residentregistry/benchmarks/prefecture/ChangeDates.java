package org.residentregistry.benchmarks.prefecture;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Change dates (異動年月日) as municipalities report them: some days before the notification is sent, never after
 * it, never more than 31 days before it, and never before the person was born (domain.md §2.2, check 10).
 */
final class ChangeDates {

    /** The most days a change date may lie before the day its notification is sent. */
    static final int MAX_DAYS_BEFORE_NOTICE = 31;

    private ChangeDates() {
    }

    /** A date up to {@code maxDaysBefore} days before the notice, moved up to {@code notBefore} if earlier. */
    static LocalDate before(OffsetDateTime notifiedAt, int maxDaysBefore, LocalDate notBefore, Rng rng) {
        if (maxDaysBefore > MAX_DAYS_BEFORE_NOTICE) {
            throw new IllegalArgumentException("a change date must lie within 31 days of its notice");
        }
        LocalDate date = notifiedAt.toLocalDate().minusDays(rng.between(0, maxDaysBefore));
        return date.isBefore(notBefore) ? notBefore : date;
    }
}
