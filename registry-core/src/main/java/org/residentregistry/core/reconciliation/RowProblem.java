package org.residentregistry.core.reconciliation;

/**
 * Why one row of an extract cannot be compared: the column (empty for the row as a whole) and a stable reason
 * code. Never the value, which is personal data.
 */
public record RowProblem(String field, String reason) {

    public static final String FIELD_COUNT = "FIELD_COUNT";
    public static final String REQUIRED = "REQUIRED";
    public static final String FORMAT = "FORMAT";
    public static final String DUPLICATE = "DUPLICATE";
}
