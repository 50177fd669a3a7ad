package org.residentregistry.benchmarks.prefecture;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A resident's current record as one flat row, for the plain-PostgreSQL reference a JDBC benchmark batch-inserts
 * ({@code INSERT INTO resident VALUES (?, ?, …)} in this order). Codes are strings, absent values {@code null}.
 */
public record ResidentRow(String residentCode, String municipalityCode, String kanjiName, String kanaName,
                          int nameGaijiCount, String formerSurnameKanji, String formerSurnameKana,
                          LocalDate birthDate, String sex, String addressText, String oazaCode,
                          int addressGaijiCount, String individualNumber, String changeReason, LocalDate changeDate,
                          long updateSequence, OffsetDateTime notifiedAt) {

    /** The record a notification leaves the resident with. */
    public static ResidentRow of(Notification n) {
        Name former = n.formerSurname();
        return new ResidentRow(n.residentCode().value(), n.municipalityCode().value(), n.name().kanji(),
                n.name().kana(), n.name().gaijiCount(), former == null ? null : former.kanji(),
                former == null ? null : former.kana(), n.birthDate(), n.sex().code(), n.address().text(),
                n.address().oazaCode(), n.address().gaijiCount(), n.individualNumber().value(),
                n.changeReason().name(), n.changeDate(), n.updateSequence(), n.notifiedAt());
    }

    /** Only the key: the row's personal data stays out of logs and test reports. */
    @Override
    public String toString() {
        return "ResidentRow[" + municipalityCode + "#" + updateSequence + "]";
    }
}
