package org.residentregistry.projections.identity;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One version of a record in the file's history — 履歴情報 — as auditors see it: which notification made it
 * (its key: municipality and update sequence), why, when it took effect and when the registry received it,
 * and whether it changed the current record or only the history.
 */
public record VersionHeld(int version, String municipalityCode, long updateSequence, String changeReason,
                          LocalDate changeDate, Instant receivedAt, String effect, String status) {
}
