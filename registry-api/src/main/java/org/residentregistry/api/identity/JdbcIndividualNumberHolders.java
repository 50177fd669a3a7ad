package org.residentregistry.api.identity;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.identity.IndividualNumberHolders;
import org.residentregistry.projections.ArrayRows;
import org.residentregistry.projections.PendingWrites;
import org.residentregistry.projections.RowValues;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The holders in individual_number_holder, whose primary key keeps a number to one resident code in the
 * database. Within a batch the numbers are read in one query ({@link #prefetch}) and the changes written at
 * commit: a release deletes only the row of the holder it replaces, and a new holder is a plain insert, so a
 * number claimed meanwhile by another transaction fails the insert, the batch is retried, and the retry sees
 * the holder and rejects the notification.
 */
class JdbcIndividualNumberHolders implements IndividualNumberHolders {

    private static final String SCOPE = JdbcIndividualNumberHolders.class.getName();
    /** The columns cast to the key's types, so that the primary key finds the rows. */
    private static final String RELEASE = "DELETE FROM individual_number_holder h USING " + ArrayRows.ROWS
            + " AS r (individual_number, resident_code) WHERE h.individual_number = r.individual_number::char(12)"
            + " AND h.resident_code = r.resident_code::char(11)";
    private static final String CLAIM = "INSERT INTO individual_number_holder (individual_number, resident_code)"
            + " SELECT * FROM " + ArrayRows.ROWS;

    /** For each number touched: the holder in the database when first read, and the holder now. */
    private static final class Holding {
        final ResidentCode stored;
        ResidentCode current;

        Holding(ResidentCode stored) {
            this.stored = stored;
            this.current = stored;
        }
    }

    private final JdbcTemplate jdbc;

    JdbcIndividualNumberHolders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void prefetch(Collection<IndividualNumber> numbers) {
        Map<String, Holding> scope = scope();
        Map<String, ResidentCode> stored = new HashMap<>();
        jdbc.query("SELECT individual_number, resident_code FROM individual_number_holder WHERE individual_number = ANY (?)",
                rs -> {
                    stored.put(rs.getString(1), ResidentCode.of(rs.getString(2)));
                },
                (Object) numbers.stream().map(IndividualNumber::value).toArray(String[]::new));
        numbers.forEach(n -> scope.putIfAbsent(n.value(), new Holding(stored.get(n.value()))));
    }

    @Override
    public Optional<ResidentCode> holderOf(IndividualNumber number) {
        return Optional.ofNullable(holding(number).current);
    }

    @Override
    public void assign(IndividualNumber number, ResidentCode holder, IndividualNumber released) {
        if (released != null) {
            holding(released).current = null;
        }
        holding(number).current = holder;
    }

    private Holding holding(IndividualNumber number) {
        return scope().computeIfAbsent(number.value(), n -> new Holding(jdbc.queryForList(
                "SELECT resident_code FROM individual_number_holder WHERE individual_number = ?", String.class, n)
                .stream().findFirst().map(ResidentCode::of).orElse(null)));
    }

    private Map<String, Holding> scope() {
        return PendingWrites.in(CurrentUnitOfWork.get().root(), SCOPE, HashMap::new, this::flush);
    }

    /** A number and the resident code that holds it. */
    private record Held(String number, String residentCode) {
    }

    private void flush(Map<String, Holding> scope) {
        List<Held> releases = new ArrayList<>();
        List<Held> claims = new ArrayList<>();
        scope.forEach((number, holding) -> {
            if (Objects.equals(holding.stored, holding.current)) {
                return;
            }
            if (holding.stored != null) {
                releases.add(new Held(number, holding.stored.value()));
            }
            if (holding.current != null) {
                claims.add(new Held(number, holding.current.value()));
            }
        });
        // Each number is released once: a row not found was released or given to another code by a batch meanwhile.
        if (ArrayRows.write(jdbc, RELEASE, releases, JdbcIndividualNumberHolders::held) != releases.size()) {
            throw new OptimisticLockingFailureException("An individual number changed holder meanwhile");
        }
        ArrayRows.write(jdbc, CLAIM, claims, JdbcIndividualNumberHolders::held);
    }

    private static void held(Held held, RowValues values) throws SQLException {
        values.text(held.number());
        values.text(held.residentCode());
    }
}
