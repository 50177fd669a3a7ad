package org.residentregistry.api.provision;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A query refused under the provision rules (domain.md §3.1), already in the provision log as {@code provisionId}. */
public class ProvisionRefusedException extends ErrorResponseException {

    public ProvisionRefusedException(UUID provisionId, String reason, String detail) {
        super(HttpStatus.FORBIDDEN, problem(reason, detail), null);
        getHeaders().add(ProvisionLog.HEADER, provisionId.toString());
    }

    private static ProblemDetail problem(String reason, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
        problem.setTitle("Provision refused");
        problem.setProperty("reason", reason);
        return problem;
    }
}
