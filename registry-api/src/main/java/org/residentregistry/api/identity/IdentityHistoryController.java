package org.residentregistry.api.identity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.residentregistry.api.problem.FieldErrors;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.projections.identity.IdentityFileQueries;
import org.residentregistry.projections.identity.VersionHeld;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Auditors' view of how a record came to be (interface.md, Audit): every version held — 履歴情報 — with the
 * notification that made it. Versions only, not the records' contents, so it is not a provision of personal data.
 */
@RestController
class IdentityHistoryController {

    private final IdentityFileQueries queries;

    IdentityHistoryController(IdentityFileQueries queries) {
        this.queries = queries;
    }

    record History(String residentCode, List<Version> versions) {
    }

    record Version(int version, NotificationKey notification, String changeReason, LocalDate changeDate,
                   Instant receivedAt, String effect, String status) {

        static Version of(VersionHeld held) {
            return new Version(held.version(), new NotificationKey(held.municipalityCode(), held.updateSequence()),
                    held.changeReason(), held.changeDate(), held.receivedAt(), held.effect(), held.status());
        }
    }

    record NotificationKey(String municipalityCode, long updateSequence) {
    }

    @GetMapping("/api/v1/audit/identity/residents/{residentCode}/history")
    History history(@PathVariable String residentCode) {
        FieldErrors errors = new FieldErrors();
        ResidentCode code = errors.parse("residentCode", residentCode, ResidentCode::of);
        errors.throwIfAny();
        List<Version> versions = queries.history(code).stream().map(Version::of).toList();
        if (versions.isEmpty()) {
            throw new ErrorResponseException(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "The identity file holds no version under this code."), null);
        }
        return new History(code.value(), versions);
    }
}
