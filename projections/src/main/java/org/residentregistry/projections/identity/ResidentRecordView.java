package org.residentregistry.projections.identity;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.identity.Address;
import org.residentregistry.core.identity.ChangeReason;
import org.residentregistry.core.identity.PersonName;
import org.residentregistry.core.identity.ResidentStatus;
import org.residentregistry.core.codes.Sex;

/**
 * A version of a resident's identity record — 本人確認情報 — as queries hand it out (interface.md, Queries).
 * The former surname is always present, null when there is none; the individual number only when handed out.
 */
public record ResidentRecordView(
        ResidentCode residentCode,
        ResidentStatus status,
        MunicipalityCode municipalityCode,
        PersonName name,
        @JsonInclude(JsonInclude.Include.ALWAYS) PersonName formerSurname,
        LocalDate birthDate,
        Sex sex,
        Address address,
        IndividualNumber individualNumber,
        ChangeReason changeReason,
        LocalDate changeDate,
        int version) {

    /** The same record without the individual number, for an affair whose legal basis does not allow it. */
    public ResidentRecordView withoutIndividualNumber() {
        return new ResidentRecordView(residentCode, status, municipalityCode, name, formerSurname, birthDate, sex,
                address, null, changeReason, changeDate, version);
    }

    @Override
    public String toString() {
        return "ResidentRecordView[***]";
    }
}
