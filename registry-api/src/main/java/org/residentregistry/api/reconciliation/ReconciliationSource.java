package org.residentregistry.api.reconciliation;

import org.residentregistry.core.reconciliation.ReconciledFile;

/**
 * The registry's side of one file's reconciliation: the extract's shape, and where the registry keeps the
 * current records and the ledger of update sequences. {@link ReconciliationJobs} compares any file through it;
 * the overseas-address file adds a bean of its own.
 */
interface ReconciliationSource {

    ReconciledFile file();

    /**
     * A query of every current record of the file, whoever holds it: {@code resident_code, municipality_code}
     * and then one column {@code f1 … fN} per column of {@link ReconciledFile#columns()}, each as the file holds
     * it, as text (a null as the extract's empty value). The comparison folds a value only where it differs from
     * the extract's ({@code reconciliation_comparable}): folding every record cost most of a comparison.
     */
    String currentRecords();

    /** The table of applied notifications keyed by {@code (municipality_code, update_sequence)}. */
    String ledgerTable();
}
