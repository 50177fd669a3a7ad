package org.residentregistry.api.identity;

import java.util.Optional;

import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.identity.IndividualNumberLookup;
import org.residentregistry.projections.identity.IdentityFileProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The identity file's side of {@link IndividualNumberLookup}: the number its latest version of the code holds. */
@Component
class JdbcIndividualNumberLookup implements IndividualNumberLookup {

    private final JdbcTemplate jdbc;

    JdbcIndividualNumberLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<IndividualNumber> individualNumberOf(ResidentCode residentCode) {
        return jdbc.query("SELECT individual_number FROM " + IdentityFileProjection.CURRENT
                                + " WHERE resident_code = ? AND individual_number IS NOT NULL",
                        (rs, row) -> IndividualNumber.of(rs.getString(1)), residentCode.value())
                .stream().findFirst();
    }
}
