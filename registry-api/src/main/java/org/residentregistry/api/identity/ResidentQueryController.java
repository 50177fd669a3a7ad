package org.residentregistry.api.identity;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.residentregistry.api.provision.Affair;
import org.residentregistry.api.provision.ProvisionLog;
import org.residentregistry.api.provision.ProvisionRequest;
import org.residentregistry.api.provision.QueryParameters;
import org.residentregistry.api.provision.RegistryFile;
import org.residentregistry.api.security.RegistryAccount;
import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.projections.identity.IdentityFileQueries;
import org.residentregistry.projections.identity.ResidentRecordView;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Department operators' queries of the identity file by resident code (now or as of a past instant) and by
 * individual number. Every query that gets as far as its affair is in the provision log before it is answered.
 */
@RestController
@RequestMapping("/api/v1/identity/residents")
class ResidentQueryController {

    /** The record's columns, qualified: the statement reads them beside the affair's. */
    private static final String RECORD_COLUMNS = IdentityFileQueries.viewColumns("r");

    private final IdentityFileQueries queries;
    private final ProvisionLog provisionLog;

    ResidentQueryController(IdentityFileQueries queries, ProvisionLog provisionLog) {
        this.queries = queries;
        this.provisionLog = provisionLog;
    }

    @GetMapping("/{residentCode}")
    ResponseEntity<ResidentRecordView> byResidentCode(@PathVariable String residentCode,
                                                      @RequestParam(required = false) String affair,
                                                      @RequestParam(required = false) String asOf,
                                                      @RequestHeader(name = QueryParameters.TERMINAL_HEADER, required = false) String terminal,
                                                      @AuthenticationPrincipal RegistryAccount operator) {
        QueryParameters.ResidentCodeQuery query = QueryParameters.byResidentCode(residentCode, asOf, affair);
        ProvisionRequest request = new ProvisionRequest(operator, terminal, affair, RegistryFile.IDENTITY,
                query.queryKind(), query.criteria());
        if (query.asOf() != null) {
            return answer(request, () -> queries.asOf(query.code(), query.asOf()));
        }
        // The most frequent query: its affair and the record in one round trip.
        ProvisionLog.Authorised<ResidentRecordView> authorised = provisionLog.authorise(request,
                RECORD_COLUMNS, "LEFT JOIN identity_current r ON r.resident_code = ?",
                (row, n) -> row.getString("resident_code") == null ? null : IdentityFileQueries.VIEW.mapRow(row, n),
                query.code().value());
        return answer(request, authorised.affair(), authorised.answer());
    }

    @GetMapping(params = "individualNumber")
    ResponseEntity<ResidentRecordView> byIndividualNumber(@RequestParam String individualNumber,
                                                          @RequestParam(required = false) String affair,
                                                          @RequestHeader(name = QueryParameters.TERMINAL_HEADER, required = false) String terminal,
                                                          @AuthenticationPrincipal RegistryAccount operator) {
        IndividualNumber number = QueryParameters.parse(individualNumber, "individualNumber", IndividualNumber::of);
        QueryParameters.requireAffair(affair);
        ProvisionRequest request = new ProvisionRequest(operator, terminal, affair, RegistryFile.IDENTITY,
                "INDIVIDUAL_NUMBER", Map.of("individualNumber", number.value()));
        return answer(request, () -> queries.byIndividualNumber(number));
    }

    private ResponseEntity<ResidentRecordView> answer(ProvisionRequest request,
                                                      Supplier<Optional<ResidentRecordView>> lookup) {
        Affair affair = provisionLog.authorise(request);
        return answer(request, affair, lookup.get());
    }

    private ResponseEntity<ResidentRecordView> answer(ProvisionRequest request, Affair affair,
                                                      Optional<ResidentRecordView> record) {
        Optional<ResidentRecordView> found = record.map(affair::handOut);
        UUID id = provisionLog.provided(request, affair,
                found.map(view -> List.of(view.residentCode().value())).orElse(List.of()),
                found.map(view -> view.individualNumber() != null).orElse(false));
        if (found.isEmpty()) {
            throw QueryParameters.notFound(id);
        }
        return ResponseEntity.ok().header(ProvisionLog.HEADER, id.toString()).body(found.get());
    }
}
