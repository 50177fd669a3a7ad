package org.residentregistry.api.reconciliation;

import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The table an extract's rows are staged in until its report is written: one per reconciliation, named from
 * its id (hex digits only, so the name is safe in SQL), with a text column {@code f1 … fN} per extract column.
 * A bad row is staged with its problems ({@code field:REASON;…}) and no values, and its resident code only when
 * readable.
 */
record StagingTable(String name, int columns) {

    static StagingTable of(UUID reconciliation, int columns) {
        return new StagingTable("reconciliation_extract_" + reconciliation.toString().replace("-", ""), columns);
    }

    String create() {
        return "CREATE TABLE " + name + " (line_number BIGINT NOT NULL, resident_code CHAR(11), bad BOOLEAN NOT NULL,"
                + " problems TEXT, "
                + fields(i -> "f" + i + " TEXT") + ")";
    }

    String copy() {
        return "COPY " + name + " (line_number, resident_code, bad, problems, " + fields(i -> "f" + i) + ") FROM STDIN (FORMAT csv)";
    }

    /** {@code expression} of each column number, from 1, comma-separated. */
    String fields(IntFunction<String> expression) {
        return IntStream.rangeClosed(1, columns).mapToObj(expression).collect(Collectors.joining(", "));
    }
}
