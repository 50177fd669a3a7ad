package org.residentregistry.core.retention;

import java.time.Instant;

/**
 * One version of a person's entry as retention sees it — 履歴情報の一版: nothing of the record, only when it was
 * received and what it did.
 *
 * @param version        the version, from 1
 * @param receivedAt     when the registry received the notification that made it
 * @param changedCurrent whether it changed the current record (false for one kept only in the history)
 * @param removed        whether the entry was removed (消除) after it
 */
public record RetainedVersion(int version, Instant receivedAt, boolean changedCurrent, boolean removed) {
}
