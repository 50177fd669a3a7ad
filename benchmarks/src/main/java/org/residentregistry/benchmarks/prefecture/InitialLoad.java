package org.residentregistry.benchmarks.prefecture;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Iterator;

/**
 * A municipality's residents as its CS sends them when the registry starts: one record notification each
 * ({@code MOVE_IN}), update sequences 1, 2, 3… The CS sends a steady {@value #PER_SECOND} a second from 09:00 on
 * the reference date; each change date falls in the month before, never before the birth date.
 */
final class InitialLoad implements Iterator<Notification> {

    static final int PER_SECOND = 100;
    private static final int MAX_DAYS_BEFORE = 30;

    private final Iterator<SyntheticResident> residents;
    private final OffsetDateTime start;
    private final Rng rng;
    private long sequence;

    InitialLoad(Iterator<SyntheticResident> residents, LocalDate referenceDate, Rng rng) {
        this.residents = residents;
        this.start = referenceDate.atTime(9, 0).atOffset(Notification.JAPAN);
        this.rng = rng;
    }

    @Override
    public boolean hasNext() {
        return residents.hasNext();
    }

    @Override
    public Notification next() {
        SyntheticResident resident = residents.next();
        OffsetDateTime notifiedAt = start.plusSeconds(sequence / PER_SECOND);
        sequence++;
        LocalDate changeDate = ChangeDates.before(notifiedAt, MAX_DAYS_BEFORE, resident.birthDate(), rng);
        return Notification.of(resident, ChangeReason.MOVE_IN, sequence, changeDate, notifiedAt, Clerk.any(rng));
    }
}
