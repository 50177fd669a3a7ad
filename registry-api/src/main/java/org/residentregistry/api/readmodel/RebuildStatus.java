package org.residentregistry.api.readmodel;

import java.time.Instant;
import java.util.UUID;

/**
 * Where a rebuild stands: its generation and state, when its bulk load ended ({@code loadedAt}), and, while it runs on
 * the node asked, how far its bulk read or its processor has read the event store ({@code position}) against the
 * store's head. No personal data.
 */
public record RebuildStatus(UUID id, String readModel, int generation, String state, String requestedBy,
                            Instant startedAt, Instant loadedAt, Instant switchedAt, Instant finishedAt, Long position, Long head,
                            Double eventsPerSecond) {
}
