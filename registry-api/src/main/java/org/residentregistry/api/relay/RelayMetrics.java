package org.residentregistry.api.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.residentregistry.projections.relay.RelayOutbox;
import org.residentregistry.projections.relay.RelayOutbox.DestinationStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The outbox's depth and the age of its oldest undelivered change, by destination, and a warning while that age
 * is above {@code registry.relay.age-warning}. Counts and ages only: nothing personal.
 */
@Component
class RelayMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(RelayMetrics.class);

    private final RelayOutbox outbox;
    private final Duration ageWarning;
    private final MultiGauge depth;
    private final MultiGauge parked;
    private final MultiGauge oldestAge;

    RelayMetrics(MeterRegistry registry, RelayOutbox outbox, RelayProperties properties) {
        this.outbox = outbox;
        this.ageWarning = properties.ageWarning();
        this.depth = MultiGauge.builder("registry.relay.outbox.depth")
                .description("Changes applied but not yet delivered to the national server, parked ones included")
                .register(registry);
        this.parked = MultiGauge.builder("registry.relay.parked")
                .description("Changes the national server rejected for good, waiting for an administrator")
                .register(registry);
        this.oldestAge = MultiGauge.builder("registry.relay.oldest.undelivered.age")
                .description("How long the oldest undelivered change has waited (0 when none waits)")
                .baseUnit("seconds")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${registry.metrics.refresh:PT30S}")
    void refresh() {
        Instant now = Instant.now();
        List<MultiGauge.Row<?>> depths = new ArrayList<>();
        List<MultiGauge.Row<?>> parkedCounts = new ArrayList<>();
        List<MultiGauge.Row<?>> ages = new ArrayList<>();
        for (DestinationStatus status : outbox.status()) {
            Tags tags = Tags.of("destination", status.destination().name());
            Duration age = age(status, now);
            depths.add(MultiGauge.Row.of(tags, status.pending() + status.parked()));
            parkedCounts.add(MultiGauge.Row.of(tags, status.parked()));
            ages.add(MultiGauge.Row.of(tags, age.toMillis() / 1000.0));
            if (age.compareTo(ageWarning) > 0) {
                LOG.warn("Relay to {}: the oldest undelivered change has waited {} s (warning above {} s); {} undelivered, {} parked",
                        status.destination(), age.toSeconds(), ageWarning.toSeconds(), status.pending() + status.parked(),
                        status.parked());
            }
        }
        depth.register(depths, true);
        parked.register(parkedCounts, true);
        oldestAge.register(ages, true);
    }

    static Duration age(DestinationStatus status, Instant now) {
        return status.oldestRecordedAt() == null ? Duration.ZERO : Duration.between(status.oldestRecordedAt(), now);
    }
}
