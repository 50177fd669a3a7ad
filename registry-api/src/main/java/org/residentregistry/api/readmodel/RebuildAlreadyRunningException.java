package org.residentregistry.api.readmodel;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A rebuild of the same read model is already running, on this node or another. */
class RebuildAlreadyRunningException extends ResponseStatusException {

    RebuildAlreadyRunningException() {
        super(HttpStatus.CONFLICT, "A rebuild of this read model is already running.");
    }
}
