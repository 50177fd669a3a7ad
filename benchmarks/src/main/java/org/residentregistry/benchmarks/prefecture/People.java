package org.residentregistry.benchmarks.prefecture;

import java.time.LocalDate;

import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.codes.Sex;
import org.residentregistry.core.prefecture.Prefecture;

/** Makes people: the initial population's and those born or moving in later. */
final class People {

    /** Share of men: issue 3 asks for about 48.8%; Japan's 2020 census counted 48.6%. */
    static final double MALE_SHARE = 0.488;

    /**
     * Chance that a resident aged 25 or more has a 旧氏 recorded, by sex: about 1.5% of adults, nine in ten of
     * them women, who far more often take their spouse's surname. A guess; recording a 旧氏 is on request only.
     */
    private static final double FORMER_SURNAME_SHARE_FEMALE = 0.027;
    private static final double FORMER_SURNAME_SHARE_MALE = 0.003;
    private static final int FORMER_SURNAME_MIN_AGE = 25;

    private final NameBook names;
    private final AddressBook addresses;
    private final CodeSpace codes;

    People(Prefecture prefecture, long seed) {
        this.names = NameBook.load();
        this.addresses = new AddressBook(prefecture, seed);
        this.codes = new CodeSpace(seed);
    }

    CodeSpace codes() {
        return codes;
    }

    AddressBook addresses() {
        return addresses;
    }

    NamePart familySurname(Rng rng) {
        return names.familySurname(rng);
    }

    /**
     * The n-th person ever created, of the given family and dwelling, born on the given date, their age counted on
     * {@code today}.
     */
    SyntheticResident person(long n, MunicipalityCode municipality, NamePart surname, Dwelling dwelling,
                             LocalDate birthDate, LocalDate today, Rng rng) {
        Sex sex = rng.chance(MALE_SHARE) ? Sex.MALE : Sex.FEMALE;
        NamePart givenName = names.givenName(rng, sex, birthDate.getYear());
        return new SyntheticResident(codes.residentCode(n), municipality, surname, givenName,
                formerSurname(sex, birthDate, today, surname, rng), birthDate, sex, dwelling,
                codes.individualNumber(n));
    }

    /** The n-th person ever created, born and living like their twin but with a given name of their own. */
    SyntheticResident twinOf(SyntheticResident twin, long n, LocalDate today, Rng rng) {
        SyntheticResident person;
        do {
            person = person(n, twin.municipalityCode(), twin.surname(), twin.dwelling(), twin.birthDate(), today, rng);
        } while (person.givenName().kanji().equals(twin.givenName().kanji()));
        return person;
    }

    /**
     * The n-th person ever created, unrelated to {@code other} but with the same name, sex and birth date, living
     * at the given dwelling.
     */
    SyntheticResident namesakeOf(SyntheticResident other, long n, MunicipalityCode municipality, Dwelling dwelling) {
        return new SyntheticResident(codes.residentCode(n), municipality, other.surname(), other.givenName(), null,
                other.birthDate(), other.sex(), dwelling, codes.individualNumber(n));
    }

    /** A surname other than the given one: the one a resident takes at marriage, or had before it. */
    NamePart otherSurname(NamePart surname, Rng rng) {
        NamePart other;
        do {
            other = names.familySurname(rng);
        } while (other.kana().equals(surname.kana()));
        return other;
    }

    private NamePart formerSurname(Sex sex, LocalDate birthDate, LocalDate today, NamePart surname, Rng rng) {
        if (AgePyramid.age(birthDate, today) < FORMER_SURNAME_MIN_AGE) {
            return null;
        }
        double share = sex == Sex.FEMALE ? FORMER_SURNAME_SHARE_FEMALE : FORMER_SURNAME_SHARE_MALE;
        return rng.chance(share) ? otherSurname(surname, rng) : null;
    }
}
