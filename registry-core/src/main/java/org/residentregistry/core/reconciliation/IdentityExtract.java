package org.residentregistry.core.reconciliation;

import java.time.LocalDate;
import java.util.List;

import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.codes.Sex;

/**
 * A municipality's extract of the identity file — 本人確認情報の全件データ — in interface.md's columns. An empty
 * individual number means the resident has none.
 */
public final class IdentityExtract implements ReconciledFile {

    public static final List<String> COLUMNS = List.of("residentCode", "kanjiName", "kanaName", "birthDate", "sex",
            "address", "oazaCode", "individualNumber");

    @Override
    public String name() {
        return "identity";
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public List<RowProblem> check(List<String> values) {
        return new RowChecks(COLUMNS, values).parsed(0, ResidentCode::of).required(1, 2, 5, 6)
                .parsed(3, LocalDate::parse).parsed(4, Sex::ofCode).parsedIfGiven(7, IndividualNumber::of).problems();
    }
}
