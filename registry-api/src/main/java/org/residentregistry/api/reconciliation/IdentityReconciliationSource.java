package org.residentregistry.api.reconciliation;

import org.residentregistry.core.reconciliation.IdentityExtract;
import org.residentregistry.core.reconciliation.ReconciledFile;
import org.springframework.stereotype.Component;

/** The identity file's records (identity_current) and ledger (identity_notification) as reconciled. */
@Component
class IdentityReconciliationSource implements ReconciliationSource {

    private static final IdentityExtract FILE = new IdentityExtract();

    @Override
    public ReconciledFile file() {
        return FILE;
    }

    @Override
    public String currentRecords() {
        return "SELECT resident_code, municipality_code, resident_code::text AS f1, name_kanji AS f2, name_kana AS f3,"
                + " to_char(birth_date, 'YYYY-MM-DD') AS f4, sex::text AS f5, address_text AS f6, address_oaza_code AS f7,"
                + " coalesce(individual_number::text, '') AS f8"
                + " FROM identity_current WHERE status = 'CURRENT'";
    }

    @Override
    public String ledgerTable() {
        return "identity_notification";
    }
}
