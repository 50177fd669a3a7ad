package org.residentregistry.projections.overseas;

import java.time.LocalDate;

import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.codes.Sex;
import org.residentregistry.core.overseas.ChangeKind;
import org.residentregistry.core.overseas.LastDomesticAddress;
import org.residentregistry.core.overseas.OverseasAddress;
import org.residentregistry.core.overseas.OverseasName;
import org.residentregistry.core.overseas.OverseasStatus;

/**
 * A version of an overseas-address record — 附票本人確認情報 — as queries hand it out (interface.md, Queries), its
 * {@code municipalityCode} the managing municipality. The individual number is never read from the overseas file
 * (which has none): it is added only for an overseas provision that may receive it.
 */
public record OverseasRecordView(
        ResidentCode residentCode,
        OverseasStatus status,
        MunicipalityCode municipalityCode,
        OverseasName name,
        LocalDate birthDate,
        Sex sex,
        OverseasAddress address,
        LastDomesticAddress lastDomesticAddress,
        IndividualNumber individualNumber,
        ResidentCode previousResidentCode,
        boolean gaijiFlag,
        String gaijiPattern,
        ChangeKind changeKind,
        LocalDate changeDate,
        int version) {

    /** The same record with the individual number the identity file holds for its resident code. */
    public OverseasRecordView withIndividualNumber(IndividualNumber number) {
        return new OverseasRecordView(residentCode, status, municipalityCode, name, birthDate, sex, address,
                lastDomesticAddress, number, previousResidentCode, gaijiFlag, gaijiPattern, changeKind, changeDate, version);
    }

    @Override
    public String toString() {
        return "OverseasRecordView[***]";
    }
}
