package org.residentregistry.projections.overseas;

import org.residentregistry.core.search.AddressSearchKey;
import org.residentregistry.projections.search.FourFieldSearch;
import org.springframework.jdbc.core.JdbcTemplate;

/** The four-field search of the overseas file: overseas_search's rows, overseas_current's records. */
public class OverseasSearchQueries extends FourFieldSearch<OverseasRecordView> {

    public OverseasSearchQueries(JdbcTemplate jdbc, AddressSearchKey addressKey) {
        super(jdbc, addressKey, OverseasSearchProjection.TABLE, OverseasFileQueries.CURRENT, OverseasFileQueries.VIEW_COLUMNS,
                OverseasFileQueries.VIEW);
    }
}
