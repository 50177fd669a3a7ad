package org.residentregistry.benchmarks.prefecture;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.List;

/**
 * A municipality's residents with their notifications as the registry would hold them a while after the initial
 * load: each resident's {@code MOVE_IN} of the initial load (the same notification as {@link InitialLoad} makes) and,
 * for a share of them, a later 転居 ({@code MOVE_WITHIN}) to another dwelling of the municipality, numbered after
 * the initial load's sequences and sent from 09:00 on {@code movedOn}, a hundred a second. So a resident moved has a
 * superseded first version, which retention erases once its period has passed since the move.
 */
final class MovesAfterLoad implements Iterator<List<Notification>> {

    private static final int REPORTED_WITHIN_DAYS = 14;

    private final Iterator<SyntheticResident> residents;
    private final Iterator<Notification> initialLoad;
    private final People people;
    private final double movedShare;
    private final OffsetDateTime movesStart;
    private final Rng rng;
    private long nextSequence;
    private long moved;

    MovesAfterLoad(Iterator<SyntheticResident> residents, Iterator<Notification> initialLoad, long residentCount,
                   People people, double movedShare, LocalDate movedOn, Rng rng) {
        if (movedShare < 0 || movedShare > 1) {
            throw new IllegalArgumentException("the share moved is between 0 and 1");
        }
        this.residents = residents;
        this.initialLoad = initialLoad;
        this.people = people;
        this.movedShare = movedShare;
        this.movesStart = movedOn.atTime(9, 0).atOffset(Notification.JAPAN);
        this.rng = rng;
        this.nextSequence = residentCount + 1;
    }

    @Override
    public boolean hasNext() {
        return initialLoad.hasNext();
    }

    @Override
    public List<Notification> next() {
        SyntheticResident resident = residents.next();
        Notification first = initialLoad.next();
        if (!rng.chance(movedShare)) {
            return List.of(first);
        }
        SyntheticResident movedTo = resident.livingAt(resident.municipalityCode(),
                people.addresses().dwelling(resident.municipalityCode(), rng));
        OffsetDateTime notifiedAt = movesStart.plusSeconds(moved++ / InitialLoad.PER_SECOND);
        LocalDate changeDate = ChangeDates.before(notifiedAt, REPORTED_WITHIN_DAYS, first.changeDate(), rng);
        return List.of(first, Notification.of(movedTo, ChangeReason.MOVE_WITHIN, nextSequence++, changeDate,
                notifiedAt, Clerk.any(rng)));
    }
}
