package org.residentregistry.api.retention;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A purge run is already running, on this node or another: one at a time. */
class PurgeAlreadyRunningException extends ResponseStatusException {

    PurgeAlreadyRunningException() {
        super(HttpStatus.CONFLICT, "A purge run is already running.");
    }
}
