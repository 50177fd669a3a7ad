package org.residentregistry.core.notification;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

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

    /**
     * The rules of §2.3 around a notification's own decision: a key already applied answers DUPLICATE (same
     * content) or SEQUENCE_CONFLICT (other content) without deciding; otherwise {@code decision} runs, and the
     * key is taken only if it applied the notification.
     */
    default NotificationOutcome decide(NotificationKey key, String contentDigest, ResidentCode residentCode,
                                       Instant receivedAt, Supplier<NotificationOutcome> decision) {
        Optional<Entry> seen = find(key);
        if (seen.isPresent()) {
            return seen.get().contentDigest().equals(contentDigest)
                    ? NotificationOutcome.duplicate(seen.get().outcome())
                    : NotificationOutcome.rejected(RejectionReason.SEQUENCE_CONFLICT);
        }
        NotificationOutcome outcome = decision.get();
        if (outcome.isApplied()) {
            record(key, contentDigest, residentCode, outcome, receivedAt);
        }
        return outcome;
    }

    /** An applied notification: the digest of its content and what it did. */
    record Entry(String contentDigest, NotificationOutcome outcome) {
    }
}
