package org.residentregistry.benchmarks.prefecture;

import java.time.LocalDate;

import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.codes.Sex;

/**
 * One synthetic resident's identity record as their municipality holds it: everything a notification carries
 * about the person, without the notification's own fields (sequence, reason, dates, operator).
 *
 * @param formerSurname the 旧氏 the resident asked to have recorded, or {@code null}
 */
public record SyntheticResident(ResidentCode residentCode, MunicipalityCode municipalityCode, NamePart surname,
                                NamePart givenName, NamePart formerSurname, LocalDate birthDate, Sex sex,
                                Dwelling dwelling, IndividualNumber individualNumber) {

    public Name name() {
        return Name.of(surname, givenName);
    }

    public Address address() {
        return dwelling.address();
    }

    SyntheticResident livingAt(MunicipalityCode municipality, Dwelling newDwelling) {
        return new SyntheticResident(residentCode, municipality, surname, givenName, formerSurname, birthDate, sex,
                newDwelling, individualNumber);
    }

    SyntheticResident named(NamePart newSurname, NamePart newFormerSurname) {
        return new SyntheticResident(residentCode, municipalityCode, newSurname, givenName, newFormerSurname,
                birthDate, sex, dwelling, individualNumber);
    }

    SyntheticResident numbered(IndividualNumber newNumber) {
        return new SyntheticResident(residentCode, municipalityCode, surname, givenName, formerSurname, birthDate,
                sex, dwelling, newNumber);
    }

    /** Nothing personal, even synthetic: a resident printed in a log or a test report shows only where they live. */
    @Override
    public String toString() {
        return "SyntheticResident[" + municipalityCode + "]";
    }
}
