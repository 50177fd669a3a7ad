package org.residentregistry.core.notification;

import org.residentregistry.core.codes.MunicipalityCode;

/** What identifies a notification: its municipality and that municipality's update sequence number — 更新順番号 (§2.3). */
public record NotificationKey(MunicipalityCode municipalityCode, long updateSequence) {
}
