package org.residentregistry.api.readmodel;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import org.residentregistry.api.security.RegistryAccount;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Administrators rebuild read models without downtime (an addition to the interface). */
@RestController
@RequestMapping("/api/v1/admin/read-models")
class ReadModelController {

    private final ReadModelRebuilds rebuilds;

    ReadModelController(ReadModelRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    /** Each rebuildable read model with its active generation. */
    @GetMapping
    Map<String, Integer> readModels() {
        return rebuilds.generations();
    }

    @PostMapping("/{name}/rebuilds")
    ResponseEntity<RebuildStatus> rebuild(@PathVariable String name, @AuthenticationPrincipal RegistryAccount administrator) {
        RebuildStatus status = rebuilds.start(model(name), administrator.id());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/admin/read-models/" + name + "/rebuilds/" + status.id()))
                .body(status);
    }

    @GetMapping("/{name}/rebuilds/{id}")
    RebuildStatus status(@PathVariable String name, @PathVariable UUID id) {
        model(name);
        return rebuilds.status(id).filter(status -> status.readModel().equals(name))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such rebuild."));
    }

    private static RebuildableReadModel model(String name) {
        return RebuildableReadModel.named(name)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such read model."));
    }
}
