package org.residentregistry.api.retention;

import java.util.List;
import java.util.UUID;

import org.residentregistry.api.provision.QueryParameters;
import org.residentregistry.core.codes.ResidentCode;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Auditors confirm that a purge run erased a resident code they hold: the run keeps only the code's keyed digest, so
 * the answer is yes or no for the code asked, and the record never names anyone.
 */
@RestController
@RequestMapping("/api/v1/audit/purges")
class PurgeAuditController {

    private final PurgeRuns runs;
    private final ErasureDigests digests;

    PurgeAuditController(PurgeRuns runs, ErasureDigests digests) {
        this.runs = runs;
        this.digests = digests;
    }

    /** A file the run erased something of the code from, and whether the whole entry. */
    record ErasedFrom(String file, boolean wholeEntry) {
    }

    /** Whether the run erased anything of the code, and from which files; the code is not repeated. */
    record Erased(UUID purgeId, boolean erased, List<ErasedFrom> files) {
    }

    @GetMapping("/{id}/erased")
    Erased erased(@PathVariable UUID id, @RequestParam(required = false) String residentCode) {
        ResidentCode code = QueryParameters.parse(residentCode, "residentCode", ResidentCode::of);
        if (runs.status(id).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such purge run.");
        }
        List<ErasedFrom> files = runs.erasedBy(id, digests.of(code)).entrySet().stream()
                .map(e -> new ErasedFrom(e.getKey(), e.getValue())).toList();
        return new Erased(id, !files.isEmpty(), files);
    }
}
