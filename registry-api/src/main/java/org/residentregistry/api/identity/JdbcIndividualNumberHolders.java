package org.residentregistry.api.identity;

import java.util.Optional;

import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.identity.IndividualNumberHolders;
import org.springframework.jdbc.core.JdbcTemplate;

/** The holders in individual_number_holder, whose primary key keeps a number to one resident code in the database. */
class JdbcIndividualNumberHolders implements IndividualNumberHolders {

    private final JdbcTemplate jdbc;

    JdbcIndividualNumberHolders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ResidentCode> holderOf(IndividualNumber number) {
        return jdbc.queryForList("SELECT resident_code FROM individual_number_holder WHERE individual_number = ?",
                String.class, number.value()).stream().findFirst().map(ResidentCode::of);
    }

    @Override
    public void assign(IndividualNumber number, ResidentCode holder, IndividualNumber released) {
        if (released != null) {
            jdbc.update("DELETE FROM individual_number_holder WHERE individual_number = ?", released.value());
        }
        // A plain insert: a number claimed meanwhile by another transaction fails here with a duplicate key,
        // the batch is retried, and the retry sees the holder and rejects the notification.
        jdbc.update("INSERT INTO individual_number_holder (individual_number, resident_code) VALUES (?, ?)",
                number.value(), holder.value());
    }
}
