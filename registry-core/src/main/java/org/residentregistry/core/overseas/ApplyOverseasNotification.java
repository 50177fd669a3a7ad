package org.residentregistry.core.overseas;

import java.time.Instant;

/** Command: apply one managing municipality's notification to the overseas file, as received at {@code receivedAt}. */
public record ApplyOverseasNotification(OverseasNotification notification, Instant receivedAt) {
}
