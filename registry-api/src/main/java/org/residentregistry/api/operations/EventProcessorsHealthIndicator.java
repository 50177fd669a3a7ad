package org.residentregistry.api.operations;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Down until every event processor runs, and whenever a streaming one is in error: a node whose read models
 * do not follow the event store must not take traffic. Names processors only, never data.
 */
@Component("eventProcessors")
class EventProcessorsHealthIndicator implements HealthIndicator {

    private final EventProcessingConfiguration processing;

    EventProcessorsHealthIndicator(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        for (EventProcessor processor : processing.eventProcessors().values()) {
            boolean inError = processor instanceof StreamingEventProcessor streaming && streaming.isError();
            if (!processor.isRunning() || inError) {
                health.down();
            }
            health.withDetail(processor.getName(), inError ? "ERROR" : processor.isRunning() ? "RUNNING" : "STOPPED");
        }
        return health.build();
    }
}
