package org.residentregistry.api.relay;

import java.time.Instant;
import java.util.List;

import org.residentregistry.core.relay.RelayDestination;
import org.residentregistry.projections.relay.RelayOutbox;
import org.residentregistry.projections.relay.RelayOutbox.ParkedChange;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The relay for administrators (an addition to the interface): what waits for each national server, the
 * changes parked by a rejection, and retrying one. Parked changes are named by their notification, never by
 * the person.
 */
@RestController
class RelayController {

    private static final int PARKED_SHOWN = 100;

    private final RelayOutbox outbox;
    private final RelayProperties properties;
    private final ObjectProvider<RelayWorker> worker;

    RelayController(RelayOutbox outbox, RelayProperties properties, ObjectProvider<RelayWorker> worker) {
        this.outbox = outbox;
        this.properties = properties;
        this.worker = worker;
    }

    record DestinationView(RelayDestination destination, boolean relayed, long pending, long parked,
                           Instant oldestUndeliveredAt, long oldestUndeliveredAgeSeconds) {
    }

    record RelayStatus(boolean enabled, List<DestinationView> destinations, List<ParkedChange> parked) {
    }

    record Retried(long id, String state) {
    }

    @GetMapping("/api/v1/admin/relay")
    RelayStatus status() {
        Instant now = Instant.now();
        boolean running = worker.getIfAvailable() != null;
        List<DestinationView> destinations = outbox.status().stream()
                .map(s -> new DestinationView(s.destination(),
                        running && RelayConfiguration.endpoints(properties).get(s.destination()).configured(),
                        s.pending(), s.parked(), s.oldestRecordedAt(), RelayMetrics.age(s, now).toSeconds()))
                .toList();
        return new RelayStatus(running, destinations, outbox.parked(PARKED_SHOWN));
    }

    /** Sends a parked change again (once the cause is fixed), and after it the person's changes it held back. */
    @PostMapping("/api/v1/admin/relay/parked/{id}/retry")
    Retried retry(@PathVariable long id) {
        return outbox.retryParked(id).map(retried -> new Retried(retried, "PENDING"))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No parked change has this id."));
    }
}
