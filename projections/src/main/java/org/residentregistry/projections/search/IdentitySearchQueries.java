package org.residentregistry.projections.search;

import org.residentregistry.core.search.AddressSearchKey;
import org.residentregistry.projections.identity.IdentityFileProjection;
import org.residentregistry.projections.identity.IdentityFileQueries;
import org.residentregistry.projections.identity.ResidentRecordView;
import org.springframework.jdbc.core.JdbcTemplate;

/** The four-field search of the identity file: identity_search's rows, identity_current's records. */
public class IdentitySearchQueries extends FourFieldSearch<ResidentRecordView> {

    public IdentitySearchQueries(JdbcTemplate jdbc, AddressSearchKey addressKey) {
        super(jdbc, addressKey, IdentitySearchProjection.TABLE, IdentityFileProjection.CURRENT, IdentityFileQueries.VIEW_COLUMNS,
                IdentityFileQueries.VIEW);
    }
}
