package org.residentregistry.core.identity;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.notification.ContentDigest;
import org.residentregistry.core.notification.NotificationKey;

/**
 * A change notification — 本人確認情報の更新通知 — from a municipal server: the complete record as it stands
 * after the change, and the items that say who changed it, when and why.
 */
public record IdentityNotification(
        NotificationKey key,
        ResidentCode residentCode,
        ResidentCode previousResidentCode,
        ChangeReason changeReason,
        LocalDate changeDate,
        OffsetDateTime notifiedAt,
        String operatorId,
        String terminalId,
        IdentityRecord record) {

    /**
     * A digest of everything the notification says, to tell a resend (the same key with the same content:
     * a duplicate) from a different notification reusing a key (a sequence conflict).
     */
    public String contentDigest() {
        IdentityRecord r = record;
        Object[] items = {
                key.municipalityCode().value(), key.updateSequence(), residentCode.value(),
                previousResidentCode == null ? null : previousResidentCode.value(),
                changeReason, changeDate, notifiedAt.toInstant(), operatorId, terminalId,
                r.name().kanji(), r.name().kana(), r.name().gaijiCount(), r.name().gaijiChangeSeq(),
                r.formerSurname() == null ? null : r.formerSurname().kanji(),
                r.formerSurname() == null ? null : r.formerSurname().kana(),
                r.formerSurname() == null ? null : r.formerSurname().gaijiCount(),
                r.formerSurname() == null ? null : r.formerSurname().gaijiChangeSeq(),
                r.birthDate(), r.sex(), r.address().text(), r.address().oazaCode(), r.address().gaijiCount(),
                r.address().gaijiChangeSeq(), r.individualNumber() == null ? null : r.individualNumber().value(),
                r.gaijiFlag()};
        return ContentDigest.of(items);
    }

    /** Masked: a notification is personal data and must not reach a log through an exception or a debug line. */
    @Override
    public String toString() {
        return "IdentityNotification[" + key + ", " + changeReason + "]";
    }
}
