package org.residentregistry.benchmarks.prefecture;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.residentregistry.core.codes.MunicipalityCode;

/**
 * The residents of one municipality, household by household, made on demand. It holds one household and a small
 * window of recent residents, never the population, so any number of residents streams in bounded memory.
 */
final class MunicipalityPopulation implements Iterator<SyntheticResident> {

    /**
     * Private households by number of members, 1 to 6 (6 standing for 6 or more): roughly the shares of 一般世帯 in
     * the 2020 census, 38% of them one person.
     */
    private static final double[] HOUSEHOLD_SIZE_SHARES = {38.0, 28.1, 16.6, 12.2, 3.8, 1.3};
    private static final Weighted<Integer> HOUSEHOLD_SIZES =
            Weighted.of(List.of(1, 2, 3, 4, 5, 6), size -> HOUSEHOLD_SIZE_SHARES[size - 1]);

    /**
     * Chance that a household member with room for a sibling after them has a twin. About one delivery in a
     * hundred in Japan is of twins; this gives about 1.6% of residents who are one of a pair.
     */
    private static final double TWIN_SHARE = 0.015;

    /**
     * Chance that a new household is one person with the same name, sex and birth date as an unrelated resident
     * met before (about 0.2% of residents), on top of the coincidences common names make by themselves.
     */
    private static final double NAMESAKE_SHARE = 0.005;

    /** How many earlier residents a namesake can copy; bounds the memory whatever the population. */
    private static final int RECENT_RESIDENTS = 1024;

    private final People people;
    private final MunicipalityCode municipality;
    private final LocalDate today;
    private final Rng rng;
    private final long endPerson;
    private long nextPerson;

    private Dwelling dwelling;
    private NamePart surname;
    private SyntheticResident namesakeOf;
    private int membersLeft;
    private SyntheticResident twinToFollow;

    private final SyntheticResident[] recent = new SyntheticResident[RECENT_RESIDENTS];
    private long made;

    /**
     * @param firstPerson the index of the municipality's first resident among all the people of the prefecture
     * @param count       how many residents to make
     * @param today       the date the population is as of
     */
    MunicipalityPopulation(People people, MunicipalityCode municipality, long firstPerson, long count,
                           LocalDate today, Rng rng) {
        this.people = people;
        this.municipality = municipality;
        this.today = today;
        this.rng = rng;
        this.nextPerson = firstPerson;
        this.endPerson = firstPerson + count;
    }

    @Override
    public boolean hasNext() {
        return nextPerson < endPerson;
    }

    @Override
    public SyntheticResident next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (membersLeft == 0) {
            startHousehold();
        }
        SyntheticResident resident;
        if (twinToFollow != null) {
            resident = people.twinOf(twinToFollow, nextPerson, today, rng);
            twinToFollow = null;
        } else if (namesakeOf != null) {
            resident = people.namesakeOf(namesakeOf, nextPerson, municipality, dwelling);
        } else {
            resident = people.person(nextPerson, municipality, surname, dwelling, AgePyramid.birthDate(rng, today),
                    today, rng);
            if (membersLeft > 1 && rng.chance(TWIN_SHARE)) {
                twinToFollow = resident;
            }
        }
        membersLeft--;
        nextPerson++;
        recent[(int) (made++ % RECENT_RESIDENTS)] = resident;
        return resident;
    }

    private void startHousehold() {
        dwelling = people.addresses().dwelling(municipality, rng);
        if (made > 0 && rng.chance(NAMESAKE_SHARE)) {
            namesakeOf = recent[rng.nextInt((int) Math.min(made, RECENT_RESIDENTS))];
            membersLeft = 1;
        } else {
            namesakeOf = null;
            surname = people.familySurname(rng);
            membersLeft = HOUSEHOLD_SIZES.pick(rng);
        }
    }
}
