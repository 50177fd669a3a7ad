package org.residentregistry.api.disclosure;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.residentregistry.api.disclosure.ProvisionRecipients.Receipt;
import org.residentregistry.api.problem.FieldError;
import org.residentregistry.api.problem.FieldErrors;
import org.residentregistry.api.problem.InvalidInputException;
import org.residentregistry.api.provision.ProvisionLog;
import org.residentregistry.api.provision.ProvisionRequest;
import org.residentregistry.api.provision.RegistryFile;
import org.residentregistry.api.security.RegistryAccount;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.projections.identity.IdentityFileQueries;
import org.residentregistry.projections.identity.ResidentRecordView;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Residents' own requests through a disclosure officer (domain.md §3.3): disclosure — 開示 — of their record as the
 * file holds it, and of its provision status — 提供状況の開示. Each hands out personal data, so each is in the
 * provision log (no affair, no department) before it is answered.
 */
@RestController
@RequestMapping("/api/v1/disclosures")
class DisclosureController {

    static final String IDENTITY_KIND = "DISCLOSURE_IDENTITY";
    static final String PROVISIONS_KIND = "DISCLOSURE_PROVISIONS";
    private static final String TERMINAL_HEADER = "X-Terminal-Id";
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final IdentityFileQueries identityFile;
    private final ProvisionRecipients recipients;
    private final ProvisionLog provisionLog;

    DisclosureController(IdentityFileQueries identityFile, ProvisionRecipients recipients, ProvisionLog provisionLog) {
        this.identityFile = identityFile;
        this.recipients = recipients;
        this.provisionLog = provisionLog;
    }

    /** The record now and every earlier version still held, newest first. */
    record IdentityDisclosure(ResidentRecordView record, List<ResidentRecordView> earlierVersions) {
    }

    /** JSON by default; {@code Accept: application/pdf} prints it ({@link IdentityDisclosureReport}), logged the same. */
    @GetMapping(path = "/identity/{residentCode}",
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PDF_VALUE})
    ResponseEntity<IdentityDisclosure> identity(@PathVariable String residentCode,
                                                @RequestHeader(name = TERMINAL_HEADER, required = false) String terminal,
                                                @AuthenticationPrincipal RegistryAccount officer) {
        ResidentCode code = residentCode(residentCode);
        List<ResidentRecordView> versions = identityFile.versions(code);
        UUID id = provisionLog.disclosed(request(officer, terminal, IDENTITY_KIND, Map.of("residentCode", code.value())),
                versions.isEmpty() ? List.of() : List.of(code.value()),
                versions.stream().anyMatch(version -> version.individualNumber() != null));
        ResidentRecordView current = identityFile.current(code).orElseThrow(() -> notFound(id));
        List<ResidentRecordView> earlier = versions.stream()
                .filter(version -> version.version() != current.version()).toList();
        return ResponseEntity.ok().header(ProvisionLog.HEADER, id.toString())
                .body(new IdentityDisclosure(current, earlier));
    }

    record ProvisionDisclosure(List<Entry> entries) {
    }

    /** One receipt of the record: when, by which department, for which affair under which legal basis. */
    record Entry(Instant at, Recipient recipient, Named affair, String legalBasis) {

        static Entry of(Receipt receipt) {
            return new Entry(receipt.at(), new Recipient(receipt.departmentId(), receipt.departmentName()),
                    new Named(receipt.affairCode(), receipt.affairName()), receipt.legalBasis());
        }
    }

    record Recipient(String id, String name) {
    }

    record Named(String code, String name) {
    }

    /** {@code from} and {@code to} are instants with an offset, or dates in Japan: from the start of one day to the end of another. */
    @GetMapping("/provisions/{residentCode}")
    ResponseEntity<ProvisionDisclosure> provisions(@PathVariable String residentCode,
                                                   @RequestParam(required = false) String from,
                                                   @RequestParam(required = false) String to,
                                                   @RequestHeader(name = TERMINAL_HEADER, required = false) String terminal,
                                                   @AuthenticationPrincipal RegistryAccount officer) {
        ResidentCode code = residentCode(residentCode);
        Instant start = from == null ? Instant.EPOCH : bound("from", from, day -> day);
        Instant end = to == null ? Instant.now().plusSeconds(1) : bound("to", to, day -> day.plusDays(1));
        List<Entry> entries = recipients.receipts(code, start, end).stream().map(Entry::of).toList();
        UUID id = provisionLog.disclosed(request(officer, terminal, PROVISIONS_KIND,
                Map.of("residentCode", code.value(), "from", start.toString(), "to", end.toString())),
                List.of(code.value()), false);
        return ResponseEntity.ok().header(ProvisionLog.HEADER, id.toString()).body(new ProvisionDisclosure(entries));
    }

    private static ProvisionRequest request(RegistryAccount officer, String terminal, String kind,
                                            Map<String, Object> criteria) {
        return new ProvisionRequest(officer, terminal, null, RegistryFile.IDENTITY, kind, criteria);
    }

    static ResidentCode residentCode(String raw) {
        FieldErrors errors = new FieldErrors();
        ResidentCode code = errors.parse("residentCode", raw, ResidentCode::of);
        errors.throwIfAny();
        return code;
    }

    private static Instant bound(String field, String raw, Function<LocalDate, LocalDate> day) {
        try {
            return raw.length() == 10 ? day.apply(LocalDate.parse(raw)).atStartOfDay(JAPAN).toInstant()
                    : OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(List.of(new FieldError(field, FieldErrors.FORMAT,
                    "must be an ISO-8601 instant with an offset, or a date YYYY-MM-DD")));
        }
    }

    private static ErrorResponseException notFound(UUID provisionId) {
        ErrorResponseException notFound = new ErrorResponseException(HttpStatus.NOT_FOUND,
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "The identity file holds nothing under this code."),
                null);
        notFound.getHeaders().add(ProvisionLog.HEADER, provisionId.toString());
        return notFound;
    }
}
