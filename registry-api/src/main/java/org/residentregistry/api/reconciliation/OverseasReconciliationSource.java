package org.residentregistry.api.reconciliation;

import org.residentregistry.core.reconciliation.OverseasExtract;
import org.residentregistry.core.reconciliation.ReconciledFile;
import org.springframework.stereotype.Component;

/**
 * The overseas-address file's records (overseas_current, held by their managing municipality) and its own ledger
 * (overseas_notification) as reconciled. Optional items the file holds as null are compared as the extract's
 * empty value.
 */
@Component
class OverseasReconciliationSource implements ReconciliationSource {

    private static final OverseasExtract FILE = new OverseasExtract();

    @Override
    public ReconciledFile file() {
        return FILE;
    }

    @Override
    public String currentRecords() {
        return "SELECT resident_code, managing_municipality_code AS municipality_code, resident_code::text AS f1,"
                + " name_kanji AS f2, name_kana AS f3, to_char(birth_date, 'YYYY-MM-DD') AS f4, sex::text AS f5,"
                + " coalesce(address_municipality_code::text, '') AS f6, address_text AS f7,"
                + " coalesce(last_domestic_address_text, '') AS f8"
                + " FROM overseas_current WHERE status = 'CURRENT'";
    }

    @Override
    public String ledgerTable() {
        return "overseas_notification";
    }
}
