package org.residentregistry.core.identity;

import java.time.Instant;

/** Command: apply one municipal notification to the identity file, as received at {@code receivedAt}. */
public record ApplyIdentityNotification(IdentityNotification notification, Instant receivedAt) {
}
