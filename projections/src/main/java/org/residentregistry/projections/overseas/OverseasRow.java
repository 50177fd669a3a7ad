package org.residentregistry.projections.overseas;

import java.time.Instant;
import java.time.LocalDate;

import org.residentregistry.core.overseas.LastDomesticAddress;
import org.residentregistry.core.overseas.OverseasEvent;
import org.residentregistry.core.overseas.OverseasNotification;
import org.residentregistry.core.overseas.OverseasRecord;

/**
 * The values of one row of the overseas file's read models — 附票本人確認情報 (overseas_current, overseas_version) —
 * one component per column in the tables' order, as an event makes them. The projection writes these values and the
 * replay tools rebuild them: one mapping from event to row, as {@code IdentityRow} is for the identity file. Values
 * are the columns' own (codes and enum names as strings). There is no individual number: the file holds none.
 */
public record OverseasRow(
        String residentCode,
        int version,
        String status,
        String managingMunicipalityCode,
        long updateSequence,
        String changeKind,
        LocalDate changeDate,
        Instant notifiedAt,
        Instant receivedAt,
        String operatorId,
        String terminalId,
        String previousResidentCode,
        String nameKanji,
        String nameKana,
        int nameGaijiCount,
        LocalDate birthDate,
        String sex,
        String addressMunicipalityCode,
        String addressText,
        int addressGaijiCount,
        String lastDomesticAddressText,
        Integer lastDomesticAddressGaijiCount,
        boolean gaijiFlag,
        String gaijiPattern) {

    public static OverseasRow of(OverseasEvent e) {
        OverseasNotification n = e.notification();
        OverseasRecord r = n.record();
        LastDomesticAddress last = r.lastDomesticAddress();
        return new OverseasRow(
                e.residentCode().value(),
                e.version(),
                e.status().name(),
                e.managingMunicipality().value(),
                n.key().updateSequence(),
                n.changeKind().name(),
                n.changeDate(),
                n.notifiedAt().toInstant(),
                e.receivedAt(),
                n.operatorId(),
                n.terminalId(),
                n.previousResidentCode() == null ? null : n.previousResidentCode().value(),
                r.name().kanji(),
                r.name().kana(),
                r.name().gaijiCount(),
                r.birthDate(),
                r.sex().code(),
                r.address().municipalityCode() == null ? null : r.address().municipalityCode().value(),
                r.address().text(),
                r.address().gaijiCount(),
                last == null ? null : last.text(),
                last == null ? null : last.gaijiCount(),
                r.gaijiFlag(),
                r.gaijiPattern());
    }

    /** Masked: a row is personal data and must not reach a log through an exception or a debug line. */
    @Override
    public String toString() {
        return "OverseasRow[***]";
    }
}
