package org.residentregistry.api.search;

import org.residentregistry.api.provision.Affair;
import org.residentregistry.api.provision.ProvisionLog;
import org.residentregistry.api.provision.ProvisionRequest;
import org.residentregistry.api.search.FourFieldSearchReader.SearchRequest;
import org.residentregistry.projections.search.FourFieldSearch;

/**
 * A four-field search of either file with its affair checked in the same statement, a round trip less a search: the
 * affair the operator may search for and what the search found, or a refusal already logged.
 *
 * @param <R> a record as the file's queries hand it out
 */
public record AuthorisedSearch<R>(Affair affair, FourFieldSearch.Result<R> result) {

    public static <R> AuthorisedSearch<R> of(ProvisionLog provisionLog, ProvisionRequest request,
                                             FourFieldSearch<R> search, SearchRequest asked) {
        FourFieldSearch.Statement statement = search.joined(asked.criteria(), asked.limit());
        ProvisionLog.Authorised<FourFieldSearch.Row<R>> authorised = provisionLog.authorise(request,
                FourFieldSearch.JOINED_COLUMNS, statement.sql(), FourFieldSearch.JOINED_ORDER, search.rows(),
                statement.parameters().toArray());
        return new AuthorisedSearch<>(authorised.affair(), FourFieldSearch.result(authorised.answers()));
    }
}
