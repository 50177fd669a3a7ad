package org.residentregistry.api.notification;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.residentregistry.core.notification.NotificationOutcome;
import org.residentregistry.projections.statistics.UpdateStatisticsQueries;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Notifications counted by file, status and reason, and each municipality's update-sequence gaps. Tags are
 * codes from closed lists: never a resident code or anything else personal.
 */
@Component
public class NotificationMetrics {

    private final MeterRegistry registry;
    private final UpdateStatisticsQueries statistics;
    private final MultiGauge sequenceGaps;

    NotificationMetrics(MeterRegistry registry, UpdateStatisticsQueries statistics) {
        this.registry = registry;
        this.statistics = statistics;
        this.sequenceGaps = MultiGauge.builder("registry.notification.sequence.gaps")
                .description("Update sequence numbers below a municipality's highest that were never applied")
                .register(registry);
    }

    public void count(String file, List<NotificationOutcome> outcomes) {
        for (NotificationOutcome outcome : outcomes) {
            Counter.builder("registry.notifications")
                    .description("Notifications received, by outcome")
                    .tags("file", file, "status", outcome.status().name(),
                            "reason", outcome.reason() == null ? "none" : outcome.reason().name())
                    .register(registry)
                    .increment();
        }
    }

    @Scheduled(fixedDelayString = "${registry.metrics.refresh:PT30S}")
    void refreshSequenceGaps() {
        sequenceGaps.register(statistics.sequenceGaps().entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("municipality", e.getKey()), e.getValue()))
                .toList(), true);
    }
}
