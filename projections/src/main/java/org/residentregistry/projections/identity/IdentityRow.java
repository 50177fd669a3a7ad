package org.residentregistry.projections.identity;

import java.time.Instant;
import java.time.LocalDate;

import org.residentregistry.core.identity.IdentityEvent;
import org.residentregistry.core.identity.IdentityNotification;
import org.residentregistry.core.identity.IdentityRecord;
import org.residentregistry.core.identity.PersonName;
import org.residentregistry.core.identity.ResidentCodeChanged;
import org.residentregistry.core.identity.ResidentCodeSuperseded;

/**
 * The values of one row of the identity file's read models (identity_current; identity_version adds the
 * effect), one component per column in the tables' order, as an event makes them. The projection writes
 * these values and the replay tools rebuild them to check what was written: one mapping from event to row.
 * Values are the columns' own (codes and enum names as strings), so that a row read back compares as stored.
 */
public record IdentityRow(
        String residentCode,
        int version,
        String status,
        String municipalityCode,
        long updateSequence,
        String changeReason,
        LocalDate changeDate,
        Instant notifiedAt,
        Instant receivedAt,
        String operatorId,
        String terminalId,
        String previousResidentCode,
        String supersededBy,
        String nameKanji,
        String nameKana,
        int nameGaijiCount,
        int nameGaijiChangeSeq,
        String formerSurnameKanji,
        String formerSurnameKana,
        Integer formerSurnameGaijiCount,
        Integer formerSurnameGaijiChangeSeq,
        LocalDate birthDate,
        String sex,
        String addressText,
        String addressOazaCode,
        int addressGaijiCount,
        int addressGaijiChangeSeq,
        String individualNumber,
        boolean gaijiFlag) {

    public static IdentityRow of(IdentityEvent e) {
        IdentityNotification n = e.notification();
        IdentityRecord r = n.record();
        PersonName former = r.formerSurname();
        return new IdentityRow(
                e.residentCode().value(),
                e.version(),
                e.status().name(),
                e.holder().value(),
                n.key().updateSequence(),
                n.changeReason().name(),
                n.changeDate(),
                n.notifiedAt().toInstant(),
                e.receivedAt(),
                n.operatorId(),
                n.terminalId(),
                // The old code of a code change names the new one; the new code's entry names the old one.
                e instanceof ResidentCodeChanged && n.previousResidentCode() != null ? n.previousResidentCode().value() : null,
                e instanceof ResidentCodeSuperseded s ? s.supersededBy().value() : null,
                r.name().kanji(),
                r.name().kana(),
                r.name().gaijiCount(),
                r.name().gaijiChangeSeq(),
                former == null ? null : former.kanji(),
                former == null ? null : former.kana(),
                former == null ? null : former.gaijiCount(),
                former == null ? null : former.gaijiChangeSeq(),
                r.birthDate(),
                r.sex().code(),
                r.address().text(),
                r.address().oazaCode(),
                r.address().gaijiCount(),
                r.address().gaijiChangeSeq(),
                r.individualNumber() == null ? null : r.individualNumber().value(),
                r.gaijiFlag());
    }

    /** Masked: a row is personal data and must not reach a log through an exception or a debug line. */
    @Override
    public String toString() {
        return "IdentityRow[***]";
    }
}
