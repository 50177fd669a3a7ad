package org.residentregistry.core.reconciliation;

import java.util.List;

/**
 * One file of the registry as a municipality's extract of it is read: its columns, in the order of the
 * extract's header, the first being the resident code that pairs a row with a record, and the checks a row
 * must pass to be compared. The comparison itself is the same for every file; each file says only this.
 */
public interface ReconciledFile {

    /** The file's name in paths and metrics: {@code identity}, {@code overseas}. */
    String name();

    /** The header an extract must begin with; the first column is the resident code. */
    List<String> columns();

    /**
     * What is wrong with a row whose values are already folded ({@link ComparableText}), one per bad column;
     * empty when the row can be compared. {@code values} has as many values as the row had.
     */
    List<RowProblem> check(List<String> values);
}
