package org.residentregistry.api.overseas;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.residentregistry.api.problem.FieldError;
import org.residentregistry.api.problem.InvalidInputException;
import org.residentregistry.api.provision.Affair;
import org.residentregistry.api.provision.ProvisionLog;
import org.residentregistry.api.provision.ProvisionRequest;
import org.residentregistry.api.provision.QueryParameters;
import org.residentregistry.api.provision.RegistryFile;
import org.residentregistry.api.search.AuthorisedSearch;
import org.residentregistry.api.search.FourFieldSearchReader;
import org.residentregistry.api.search.FourFieldSearchReader.SearchRequest;
import org.residentregistry.api.security.RegistryAccount;
import org.residentregistry.core.identity.IndividualNumberLookup;
import org.residentregistry.core.search.Match;
import org.residentregistry.projections.overseas.OverseasFileQueries;
import org.residentregistry.projections.overseas.OverseasRecordView;
import org.residentregistry.projections.overseas.OverseasSearchQueries;
import org.residentregistry.projections.search.FourFieldSearch;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Department operators' queries of the overseas-address file: by resident code (now or as of a past instant), by the
 * four fields, and the re-delivery of a provision that included individual numbers. With
 * {@code includeIndividualNumber=true}, for an affair that allows it, each record carries the number the identity
 * file holds for its resident code ({@link IndividualNumberLookup}, the only way between the two files), and the
 * answer is kept in the temporary holding area for re-delivery. Every query is in the provision log before it is
 * answered, provided or refused.
 */
@RestController
@RequestMapping("/api/v1/overseas")
class OverseasQueryController {

    static final String NOT_ALLOWED = "INDIVIDUAL_NUMBER_NOT_ALLOWED";
    static final String NOT_RECIPIENT = "NOT_RECIPIENT";

    private final OverseasFileQueries queries;
    private final OverseasSearchQueries search;
    private final FourFieldSearchReader searchReader;
    private final IndividualNumberLookup numbers;
    private final TemporaryIndividualNumbers holdingArea;
    private final ProvisionLog provisionLog;
    private final ObjectMapper json;

    OverseasQueryController(OverseasFileQueries queries, OverseasSearchQueries search, FourFieldSearchReader searchReader,
                            IndividualNumberLookup numbers, TemporaryIndividualNumbers holdingArea,
                            ProvisionLog provisionLog, ObjectMapper json) {
        this.queries = queries;
        this.search = search;
        this.searchReader = searchReader;
        this.numbers = numbers;
        this.holdingArea = holdingArea;
        this.provisionLog = provisionLog;
        this.json = json;
    }

    @GetMapping("/residents/{residentCode}")
    ResponseEntity<String> byResidentCode(@PathVariable String residentCode,
                                          @RequestParam(required = false) String affair,
                                          @RequestParam(required = false) String asOf,
                                          @RequestParam(defaultValue = "false") boolean includeIndividualNumber,
                                          @RequestHeader(name = QueryParameters.TERMINAL_HEADER, required = false) String terminal,
                                          @AuthenticationPrincipal RegistryAccount operator) {
        QueryParameters.ResidentCodeQuery query = QueryParameters.byResidentCode(residentCode, asOf, affair);
        query.criteria().put("includeIndividualNumber", includeIndividualNumber);
        ProvisionRequest request = new ProvisionRequest(operator, terminal, affair, RegistryFile.OVERSEAS,
                query.queryKind(), query.criteria());
        Affair granted = authorise(request, includeIndividualNumber);
        Optional<OverseasRecordView> found = (query.asOf() == null ? queries.current(query.code())
                : queries.asOf(query.code(), query.asOf()))
                .map(record -> withNumber(record, includeIndividualNumber));
        List<OverseasRecordView> handedOut = found.stream().toList();
        if (found.isEmpty()) {
            throw QueryParameters.notFound(provided(request, granted, handedOut, null));
        }
        return answer(request, granted, handedOut, found.get());
    }

    @PostMapping(path = "/search", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> search(@RequestBody JsonNode body,
                                  @RequestParam(required = false) String affair,
                                  @RequestParam(defaultValue = "false") boolean includeIndividualNumber,
                                  @RequestHeader(name = QueryParameters.TERMINAL_HEADER, required = false) String terminal,
                                  @AuthenticationPrincipal RegistryAccount operator) {
        SearchRequest asked = searchReader.read(body, affair);
        Map<String, Object> criteria = new LinkedHashMap<>(asked.asked());
        criteria.put("includeIndividualNumber", includeIndividualNumber);
        ProvisionRequest request = new ProvisionRequest(operator, terminal, asked.affair(), RegistryFile.OVERSEAS,
                "FOUR_FIELDS", criteria);
        AuthorisedSearch<OverseasRecordView> authorised = AuthorisedSearch.of(provisionLog, request, search, asked);
        Affair granted = allowingNumber(request, authorised.affair(), includeIndividualNumber);
        FourFieldSearch.Result<OverseasRecordView> result = authorised.result();
        List<SearchResult> results = result.found().stream()
                .map(found -> new SearchResult(withNumber(found.record(), includeIndividualNumber), found.match()))
                .toList();
        return answer(request, granted, results.stream().map(SearchResult::record).toList(),
                new SearchResults(result.total(), result.total() > results.size(), results));
    }

    /** The same answer again, to the department that received it, while the temporary period lasts; then 410. */
    @GetMapping("/provisions/{provisionId}")
    ResponseEntity<String> redeliver(@PathVariable String provisionId,
                                     @RequestHeader(name = QueryParameters.TERMINAL_HEADER, required = false) String terminal,
                                     @AuthenticationPrincipal RegistryAccount operator) {
        UUID id = provisionId(provisionId);
        TemporaryIndividualNumbers.Held held = holdingArea.find(id).orElseThrow(() -> new ErrorResponseException(
                HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No provision with individual numbers has this id."), null));
        ProvisionRequest request = new ProvisionRequest(operator, terminal, held.affairCode(), RegistryFile.OVERSEAS,
                "REDELIVERY", Map.of("provisionId", id.toString()));
        if (!held.departmentId().equals(operator.departmentId())) {
            throw provisionLog.refuse(request, NOT_RECIPIENT, "The provision was made to another department.");
        }
        if (held.expired()) {
            throw new ErrorResponseException(HttpStatus.GONE, ProblemDetail.forStatusAndDetail(HttpStatus.GONE,
                    "The temporary period of this provision has passed; its individual numbers are erased."), null);
        }
        Affair granted = authorise(request, true);
        UUID again = provisionLog.provided(request, granted, held.residentCodes(), true);
        return ResponseEntity.ok().header(ProvisionLog.HEADER, again.toString())
                .contentType(MediaType.APPLICATION_JSON).body(held.answer());
    }

    /** The affair, unless refused (and logged): not authorised, not covering the file, or not allowing the number asked. */
    private Affair authorise(ProvisionRequest request, boolean includeIndividualNumber) {
        return allowingNumber(request, provisionLog.authorise(request), includeIndividualNumber);
    }

    /** The affair, unless it does not allow the number asked (a refusal, logged). */
    private Affair allowingNumber(ProvisionRequest request, Affair affair, boolean includeIndividualNumber) {
        if (includeIndividualNumber && !affair.individualNumberAllowed()) {
            throw provisionLog.refuse(request, NOT_ALLOWED, "The affair's legal basis does not allow the individual number.");
        }
        return affair;
    }

    private OverseasRecordView withNumber(OverseasRecordView record, boolean includeIndividualNumber) {
        return includeIndividualNumber
                ? numbers.individualNumberOf(record.residentCode()).map(record::withIndividualNumber).orElse(record)
                : record;
    }

    /**
     * Logs the provision, then, if it includes individual numbers, holds the answer under the entry's id, and answers
     * it. The log comes first: nothing is handed out without its entry.
     */
    private ResponseEntity<String> answer(ProvisionRequest request, Affair affair, List<OverseasRecordView> handedOut,
                                          Object answer) {
        String body = write(answer);
        UUID id = provided(request, affair, handedOut, body);
        return ResponseEntity.ok().header(ProvisionLog.HEADER, id.toString()).contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }

    private UUID provided(ProvisionRequest request, Affair affair, List<OverseasRecordView> handedOut, String body) {
        List<String> codes = handedOut.stream().map(r -> r.residentCode().value()).toList();
        boolean numbersIncluded = handedOut.stream().anyMatch(r -> r.individualNumber() != null);
        UUID id = provisionLog.provided(request, affair, codes, numbersIncluded);
        if (numbersIncluded) {
            holdingArea.hold(id, request.operator().departmentId(), affair.code(), codes, body);
        }
        return id;
    }

    private String write(Object answer) {
        try {
            return json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An answer that cannot be written as JSON", e);
        }
    }

    private static UUID provisionId(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(List.of(new FieldError("provisionId", "FORMAT", "must be a UUID")));
        }
    }

    record SearchResults(long total, boolean truncated, List<SearchResult> results) {
    }

    /** A record in the shape of {@code GET /overseas/residents/{code}}, with how it matched. */
    record SearchResult(@JsonUnwrapped OverseasRecordView record, Match match) {
    }
}
