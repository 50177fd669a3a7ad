package org.residentregistry.core.overseas;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.notification.ContentDigest;
import org.residentregistry.core.notification.NotificationKey;

/**
 * An overseas-file notification — 附票本人確認情報の更新通知 — from the managing municipality (附票管理市町村), whose
 * code and update sequence are its key: the complete record after the change.
 */
public record OverseasNotification(
        NotificationKey key,
        ResidentCode residentCode,
        ResidentCode previousResidentCode,
        ChangeKind changeKind,
        LocalDate changeDate,
        OffsetDateTime notifiedAt,
        String operatorId,
        String terminalId,
        OverseasRecord record) {

    /** What tells a resend from another notification under the same key (§2.3). */
    public String contentDigest() {
        OverseasRecord r = record;
        LastDomesticAddress last = r.lastDomesticAddress();
        return ContentDigest.of(
                key.municipalityCode().value(), key.updateSequence(), residentCode.value(),
                previousResidentCode == null ? null : previousResidentCode.value(),
                changeKind, changeDate, notifiedAt.toInstant(), operatorId, terminalId,
                r.name().kanji(), r.name().kana(), r.name().gaijiCount(), r.birthDate(), r.sex(),
                r.address().municipalityCode() == null ? null : r.address().municipalityCode().value(),
                r.address().text(), r.address().gaijiCount(),
                last == null ? null : last.text(), last == null ? null : last.gaijiCount(),
                r.gaijiFlag(), r.gaijiPattern());
    }

    /** Masked: a notification is personal data and must not reach a log through an exception or a debug line. */
    @Override
    public String toString() {
        return "OverseasNotification[" + key + ", " + changeKind + "]";
    }
}
