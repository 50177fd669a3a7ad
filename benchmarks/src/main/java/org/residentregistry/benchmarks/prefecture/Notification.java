package org.residentregistry.benchmarks.prefecture;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.codes.Sex;

/**
 * One item of {@code POST /identity/notifications} (interface.md, "Notifications"): a municipality's notice of a
 * change, carrying the resident's complete record as it stands after the change (domain.md §2.2).
 */
@JsonPropertyOrder({"municipalityCode", "updateSequence", "residentCode", "previousResidentCode", "changeReason",
        "changeDate", "notifiedAt", "operatorId", "terminalId", "name", "formerSurname", "birthDate", "sex",
        "address", "individualNumber", "gaijiFlag"})
public record Notification(MunicipalityCode municipalityCode, long updateSequence, ResidentCode residentCode,
                           ResidentCode previousResidentCode, ChangeReason changeReason, LocalDate changeDate,
                           OffsetDateTime notifiedAt, String operatorId, String terminalId, Name name,
                           Name formerSurname, LocalDate birthDate, Sex sex, Address address,
                           IndividualNumber individualNumber, boolean gaijiFlag) {

    /** Municipal servers stamp their notifications in Japan Standard Time. */
    public static final ZoneOffset JAPAN = ZoneOffset.ofHours(9);

    static Notification of(SyntheticResident resident, ChangeReason reason, long updateSequence,
                           LocalDate changeDate, OffsetDateTime notifiedAt, Clerk clerk) {
        Name name = resident.name();
        Name formerSurname = resident.formerSurname() == null ? null : Name.of(resident.formerSurname());
        Address address = resident.address();
        boolean gaiji = name.gaijiCount() > 0 || address.gaijiCount() > 0
                || (formerSurname != null && formerSurname.gaijiCount() > 0);
        return new Notification(resident.municipalityCode(), updateSequence, resident.residentCode(), null, reason,
                changeDate, notifiedAt, clerk.operatorId(), clerk.terminalId(), name, formerSurname,
                resident.birthDate(), resident.sex(), address, resident.individualNumber(), gaiji);
    }

    /** The notification's key and reason only: names, dates and numbers stay out of logs and test reports. */
    @Override
    public String toString() {
        return "Notification[" + municipalityCode + "#" + updateSequence + " " + changeReason + "]";
    }
}
