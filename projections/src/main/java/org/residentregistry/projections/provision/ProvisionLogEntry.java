package org.residentregistry.projections.provision;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One entry of the provision log — 提供・移転記録 — as it is chained and stored: one request, provided or refused,
 * with every resident code handed out. {@code departmentId}, {@code affairCode} and {@code legalBasis} are null
 * where the request had none (a disclosure officer's, or an affair that does not exist).
 *
 * @param seq      its place in the chain; assigned by the writer (any value before)
 * @param at       kept to the microsecond, as the database keeps it, so the hash of what is written is the hash of
 *                 what is read back
 * @param criteria the criteria as JSON text, exactly as stored
 */
public record ProvisionLogEntry(long seq, UUID id, Instant at, String operatorId, String departmentId,
                                String terminalId, String affairCode, String legalBasis, String queryKind,
                                String criteria, String outcome, String refusalReason, List<String> residentCodes,
                                boolean individualNumberIncluded) {

    /** The columns {@link #read} expects, in its order. */
    public static final String COLUMNS = "seq, id, at, operator_id, department_id, terminal_id, affair_code, legal_basis,"
            + " query_kind, criteria::text, outcome, refusal_reason, resident_codes, individual_number_included";

    public ProvisionLogEntry {
        at = ProvisionLogChain.storedPrecision(at);
        residentCodes = List.copyOf(residentCodes);
    }

    /** The row under the cursor, selected with {@link #COLUMNS}. */
    public static ProvisionLogEntry read(ResultSet rows) throws SQLException {
        Array codes = rows.getArray(13);
        return new ProvisionLogEntry(rows.getLong(1), rows.getObject(2, UUID.class), rows.getTimestamp(3).toInstant(),
                rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8),
                rows.getString(9), rows.getString(10), rows.getString(11), rows.getString(12),
                List.of((String[]) codes.getArray()), rows.getBoolean(14));
    }

    /** The same entry at its place in the chain. */
    public ProvisionLogEntry withSeq(long chainSeq) {
        return new ProvisionLogEntry(chainSeq, id, at, operatorId, departmentId, terminalId, affairCode, legalBasis,
                queryKind, criteria, outcome, refusalReason, residentCodes, individualNumberIncluded);
    }

    @Override
    public String toString() {
        return "ProvisionLogEntry[seq=" + seq + ", id=" + id + "]";
    }
}
