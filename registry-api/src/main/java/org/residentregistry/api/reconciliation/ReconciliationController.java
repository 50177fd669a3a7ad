package org.residentregistry.api.reconciliation;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.residentregistry.api.problem.FieldErrors;
import org.residentregistry.api.reconciliation.ReconciliationReports.BadRow;
import org.residentregistry.api.reconciliation.ReconciliationReports.Discrepancy;
import org.residentregistry.api.reconciliation.ReconciliationReports.Page;
import org.residentregistry.api.reconciliation.ReconciliationReports.Summary;
import org.residentregistry.api.security.RegistryAccount;
import org.residentregistry.core.reconciliation.DiscrepancyKind;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reconciliation (interface.md): a municipal server uploads its extract and reads its own reports; the same
 * reports are open to administrators under {@code /admin} and to auditors under {@code /audit} (additions to
 * the interface), so that each path keeps one role. A report of another municipality, or of another file, is
 * 404 to a municipal server, as if it did not exist.
 */
@RestController
class ReconciliationController {

    private static final int MAX_PAGE_SIZE = 1_000;

    private final Map<String, ReconciliationSource> sources;
    private final ExtractUpload upload;
    private final ReconciliationJobs jobs;
    private final ReconciliationReports reports;

    ReconciliationController(List<ReconciliationSource> sources, ExtractUpload upload, ReconciliationJobs jobs,
                             ReconciliationReports reports) {
        this.sources = sources.stream().collect(Collectors.toMap(s -> s.file().name(), Function.identity()));
        this.upload = upload;
        this.jobs = jobs;
        this.reports = reports;
    }

    record Accepted(UUID id) {
    }

    /**
     * The extract is the caller's municipality's; {@code municipalityCode}, if given, must name it (a server
     * posting another municipality's extract is refused with 403). 202 once the whole extract is stored.
     */
    @PostMapping(path = "/api/v1/{file:identity|overseas}/reconciliations", consumes = "text/csv")
    ResponseEntity<Accepted> reconcile(@PathVariable String file, @RequestParam(required = false) String municipalityCode,
                                       @AuthenticationPrincipal RegistryAccount account, HttpServletRequest request)
            throws IOException {
        ReconciliationSource source = source(file);
        if (municipalityCode != null && !municipalityCode.equals(account.municipalityCode())) {
            throw new ErrorResponseException(HttpStatus.FORBIDDEN, ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                    "A municipal server may reconcile its own municipality's extract only."), null);
        }
        String encoding = Optional.ofNullable(request.getHeader(HttpHeaders.CONTENT_ENCODING)).orElse("identity").trim();
        if (!encoding.equalsIgnoreCase("gzip") && !encoding.equalsIgnoreCase("identity")) {
            FieldErrors errors = new FieldErrors();
            errors.add("Content-Encoding", FieldErrors.INVALID_VALUE, "must be gzip or absent");
            errors.throwIfAny();
        }
        UUID id = upload.receive(source.file(), account.municipalityCode(), account.id(), request.getInputStream(),
                encoding.equalsIgnoreCase("gzip"));
        jobs.submit(id);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Accepted(id));
    }

    @GetMapping("/api/v1/{file:identity|overseas}/reconciliations/{id}")
    Summary summary(@PathVariable String file, @PathVariable UUID id, @AuthenticationPrincipal RegistryAccount account) {
        return own(file, id, account);
    }

    @GetMapping("/api/v1/{file:identity|overseas}/reconciliations/{id}/discrepancies")
    Page<Discrepancy> discrepancies(@PathVariable String file, @PathVariable UUID id, @RequestParam(required = false) String kind,
                                    @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size,
                                    @AuthenticationPrincipal RegistryAccount account) {
        own(file, id, account);
        return discrepancies(id, kind, page, size);
    }

    @GetMapping("/api/v1/{file:identity|overseas}/reconciliations/{id}/bad-rows")
    Page<BadRow> badRows(@PathVariable String file, @PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
                         @RequestParam(defaultValue = "100") int size, @AuthenticationPrincipal RegistryAccount account) {
        own(file, id, account);
        return badRows(id, page, size);
    }

    @GetMapping({"/api/v1/admin/reconciliations/{id}", "/api/v1/audit/reconciliations/{id}"})
    Summary anySummary(@PathVariable UUID id) {
        return reports.summary(id).orElseThrow(ReconciliationController::notFound);
    }

    @GetMapping({"/api/v1/admin/reconciliations/{id}/discrepancies", "/api/v1/audit/reconciliations/{id}/discrepancies"})
    Page<Discrepancy> anyDiscrepancies(@PathVariable UUID id, @RequestParam(required = false) String kind,
                                       @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        anySummary(id);
        return discrepancies(id, kind, page, size);
    }

    @GetMapping({"/api/v1/admin/reconciliations/{id}/bad-rows", "/api/v1/audit/reconciliations/{id}/bad-rows"})
    Page<BadRow> anyBadRows(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
                            @RequestParam(defaultValue = "100") int size) {
        anySummary(id);
        return badRows(id, page, size);
    }

    private Page<Discrepancy> discrepancies(UUID id, String kind, int page, int size) {
        FieldErrors errors = new FieldErrors();
        if (kind != null) {
            errors.requireOneOf("kind", kind, DiscrepancyKind.class);
        }
        checkPage(errors, page, size);
        return reports.discrepancies(id, kind, page, size);
    }

    private Page<BadRow> badRows(UUID id, int page, int size) {
        checkPage(new FieldErrors(), page, size);
        return reports.badRows(id, page, size);
    }

    private static void checkPage(FieldErrors errors, int page, int size) {
        if (page < 0) {
            errors.add("page", FieldErrors.INVALID_VALUE, "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.add("size", FieldErrors.INVALID_VALUE, "must be from 1 to " + MAX_PAGE_SIZE);
        }
        errors.throwIfAny();
    }

    private Summary own(String file, UUID id, RegistryAccount account) {
        source(file);
        return reports.summary(id)
                .filter(s -> s.file().equals(file) && s.municipalityCode().equals(account.municipalityCode()))
                .orElseThrow(ReconciliationController::notFound);
    }

    private ReconciliationSource source(String file) {
        ReconciliationSource source = sources.get(file);
        if (source == null) {
            throw new ErrorResponseException(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "The registry does not keep this file yet."), null);
        }
        return source;
    }

    private static ErrorResponseException notFound() {
        return new ErrorResponseException(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "There is no such reconciliation."), null);
    }
}
