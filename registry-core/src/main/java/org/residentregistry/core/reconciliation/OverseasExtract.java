package org.residentregistry.core.reconciliation;

import java.time.LocalDate;
import java.util.List;

import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.codes.Sex;

/**
 * A managing municipality's extract of the overseas-address file — 附票本人確認情報の全件データ — in the columns
 * this registry defines (an addition to interface.md): the items of domain.md §1.2 that describe the person,
 * as the municipality notifies them. No individual number: the file has none, so an extract with such a
 * column is refused as any other header. An empty {@code addressMunicipalityCode} means an address abroad;
 * an empty {@code lastDomesticAddress}, none.
 */
public final class OverseasExtract implements ReconciledFile {

    public static final List<String> COLUMNS = List.of("residentCode", "kanjiName", "kanaName", "birthDate", "sex",
            "addressMunicipalityCode", "address", "lastDomesticAddress");

    @Override
    public String name() {
        return "overseas";
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public List<RowProblem> check(List<String> values) {
        return new RowChecks(COLUMNS, values).parsed(0, ResidentCode::of).required(1, 2, 6)
                .parsed(3, LocalDate::parse).parsed(4, Sex::ofCode).parsedIfGiven(5, MunicipalityCode::of).problems();
    }
}
