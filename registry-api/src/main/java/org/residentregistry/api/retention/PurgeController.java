package org.residentregistry.api.retention;

import java.net.URI;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;

import org.residentregistry.api.input.JsonInput;
import org.residentregistry.api.problem.FieldErrors;
import org.residentregistry.api.security.RegistryAccount;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.fasterxml.jackson.databind.JsonNode;

/** Administrators start a purge run on demand — 消去 (domain.md §6) — and follow it. */
@RestController
@RequestMapping("/api/v1/admin/purges")
class PurgeController {

    private static final Set<String> FIELDS = Set.of("dryRun");

    private final PurgeRuns runs;
    private final PurgeWorker worker;
    private final Clock clock;

    PurgeController(PurgeRuns runs, PurgeWorker worker, Clock clock) {
        this.runs = runs;
        this.worker = worker;
        this.clock = clock;
    }

    /** {@code {"dryRun": bool}} (false when absent) → 202 with the run; 409 while another runs. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PurgeRunStatus> start(@RequestBody JsonNode body, @AuthenticationPrincipal RegistryAccount administrator) {
        JsonInput in = new JsonInput();
        if (body == null || !body.isObject()) {
            in.reject("", FieldErrors.WRONG_TYPE, "the body must be a JSON object");
            in.throwIfInvalid();
        }
        in.rejectUnknownFields(body, "", FIELDS);
        Boolean dryRun = JsonInput.isPresent(body, "dryRun") ? in.bool(body, "dryRun", "dryRun") : Boolean.FALSE;
        in.throwIfInvalid();
        UUID id = runs.start(Boolean.TRUE.equals(dryRun), administrator.id(), clock.instant());
        worker.kick();
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/v1/admin/purges/" + id))
                .body(runs.status(id).orElseThrow());
    }

    @GetMapping("/{id}")
    PurgeRunStatus status(@PathVariable UUID id) {
        return runs.status(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such purge run."));
    }
}
