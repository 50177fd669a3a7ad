package org.residentregistry.core.reconciliation;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.core.codes.InvalidValueException;
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
        if (values.size() != COLUMNS.size()) {
            return List.of(new RowProblem("", RowProblem.FIELD_COUNT));
        }
        List<RowProblem> problems = new ArrayList<>();
        parse(problems, "residentCode", values.get(0), ResidentCode::of);
        for (int column : new int[] {1, 2, 5, 6}) {
            if (values.get(column).isEmpty()) {
                problems.add(new RowProblem(COLUMNS.get(column), RowProblem.REQUIRED));
            }
        }
        parse(problems, "birthDate", values.get(3), LocalDate::parse);
        parse(problems, "sex", values.get(4), Sex::ofCode);
        if (!values.get(7).isEmpty()) {
            parse(problems, "individualNumber", values.get(7), IndividualNumber::of);
        }
        return problems;
    }

    private static void parse(List<RowProblem> problems, String field, String value, Consumer<String> parser) {
        if (value.isEmpty()) {
            problems.add(new RowProblem(field, RowProblem.REQUIRED));
            return;
        }
        try {
            parser.accept(value);
        } catch (InvalidValueException | DateTimeParseException e) {
            problems.add(new RowProblem(field, e instanceof InvalidValueException invalid ? invalid.code() : RowProblem.FORMAT));
        }
    }
}
