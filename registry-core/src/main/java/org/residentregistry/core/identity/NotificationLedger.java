package org.residentregistry.core.identity;

import java.time.Instant;
import java.util.Optional;

import org.residentregistry.core.codes.ResidentCode;

/**
 * The notifications applied so far, by key (§2.3): what tells a resend from a sequence conflict.
 * Implementations keep it in the same transaction as the events, with the key unique in the database, so
 * two nodes can never both apply one key.
 */
public interface NotificationLedger {

    Optional<Entry> find(NotificationKey key);

    void record(NotificationKey key, String contentDigest, ResidentCode residentCode, NotificationOutcome outcome,
                Instant receivedAt);

    /** An applied notification: the digest of its content and what it did. */
    record Entry(String contentDigest, NotificationOutcome outcome) {
    }
}
