package org.residentregistry.api.identity;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import org.residentregistry.api.provision.Affair;
import org.residentregistry.api.provision.ProvisionLog;
import org.residentregistry.api.provision.ProvisionRequest;
import org.residentregistry.api.provision.QueryParameters;
import org.residentregistry.api.provision.RegistryFile;
import org.residentregistry.api.search.AuthorisedSearch;
import org.residentregistry.api.search.FourFieldSearchReader;
import org.residentregistry.api.search.FourFieldSearchReader.SearchRequest;
import org.residentregistry.api.security.RegistryAccount;
import org.residentregistry.core.search.Match;
import org.residentregistry.projections.identity.ResidentRecordView;
import org.residentregistry.projections.search.FourFieldSearch;
import org.residentregistry.projections.search.IdentitySearchQueries;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Department operators' four-field search — ４情報検索 (interface.md, {@code POST /identity/search}): a list of
 * candidates, closest first, each saying how it matched. Like every query, it is in the provision log, with its
 * criteria and every resident code handed out, before it is answered; a refusal is logged too.
 */
@RestController
@RequestMapping("/api/v1/identity/search")
class IdentitySearchController {

    static final String QUERY_KIND = "FOUR_FIELDS";

    private final FourFieldSearchReader reader;
    private final IdentitySearchQueries queries;
    private final ProvisionLog provisionLog;

    IdentitySearchController(FourFieldSearchReader reader, IdentitySearchQueries queries, ProvisionLog provisionLog) {
        this.reader = reader;
        this.queries = queries;
        this.provisionLog = provisionLog;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SearchResults> search(@RequestBody JsonNode body,
                                         @RequestParam(required = false) String affair,
                                         @RequestHeader(name = QueryParameters.TERMINAL_HEADER, required = false)
                                         String terminal,
                                         @AuthenticationPrincipal RegistryAccount operator) {
        SearchRequest search = reader.read(body, affair);
        ProvisionRequest request = new ProvisionRequest(operator, terminal, search.affair(), RegistryFile.IDENTITY,
                QUERY_KIND, search.asked());
        AuthorisedSearch<ResidentRecordView> authorised = AuthorisedSearch.of(provisionLog, request, queries, search);
        Affair granted = authorised.affair();
        FourFieldSearch.Result<ResidentRecordView> result = authorised.result();
        List<SearchResult> results = result.found().stream()
                .map(found -> new SearchResult(granted.handOut(found.record()), found.match())).toList();
        UUID id = provisionLog.provided(request, granted,
                results.stream().map(r -> r.record().residentCode().value()).toList(),
                results.stream().anyMatch(r -> r.record().individualNumber() != null));
        return ResponseEntity.ok().header(ProvisionLog.HEADER, id.toString())
                .body(new SearchResults(result.total(), result.total() > results.size(), results));
    }

    record SearchResults(long total, boolean truncated, List<SearchResult> results) {
    }

    /** A record in the shape of {@code GET /identity/residents/{code}}, with how it matched (an interface addition). */
    record SearchResult(@JsonUnwrapped ResidentRecordView record, Match match) {
    }
}
