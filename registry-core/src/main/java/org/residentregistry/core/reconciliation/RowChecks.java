package org.residentregistry.core.reconciliation;

import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.residentregistry.core.codes.InvalidValueException;

/**
 * The checks of one extract row, shared by the files' extracts: a problem per bad column, named by the column
 * and a reason code, never the value. A row with the wrong number of values is that one problem, and no
 * column is checked.
 */
final class RowChecks {

    private final List<String> columns;
    private final List<String> values;
    private final List<RowProblem> problems = new ArrayList<>();

    RowChecks(List<String> columns, List<String> values) {
        this.columns = columns;
        this.values = values;
        if (values.size() != columns.size()) {
            problems.add(new RowProblem("", RowProblem.FIELD_COUNT));
        }
    }

    private boolean countRight() {
        return values.size() == columns.size();
    }

    RowChecks required(int... columnIndexes) {
        for (int column : columnIndexes) {
            if (countRight() && values.get(column).isEmpty()) {
                problems.add(new RowProblem(columns.get(column), RowProblem.REQUIRED));
            }
        }
        return this;
    }

    /** The column must have a value that {@code parser} accepts. */
    RowChecks parsed(int column, Consumer<String> parser) {
        required(column);
        return parsedIfGiven(column, parser);
    }

    /** The column may be empty; a value must be one {@code parser} accepts. */
    RowChecks parsedIfGiven(int column, Consumer<String> parser) {
        if (!countRight() || values.get(column).isEmpty()) {
            return this;
        }
        try {
            parser.accept(values.get(column));
        } catch (InvalidValueException | DateTimeParseException e) {
            problems.add(new RowProblem(columns.get(column), e instanceof InvalidValueException invalid ? invalid.code() : RowProblem.FORMAT));
        }
        return this;
    }

    List<RowProblem> problems() {
        return List.copyOf(problems);
    }
}
