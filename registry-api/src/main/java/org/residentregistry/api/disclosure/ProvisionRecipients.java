package org.residentregistry.api.disclosure;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.residentregistry.core.codes.ResidentCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads from the provision log which departments and agencies received a resident's record: the provision
 * status — 提供状況 — a resident may have disclosed (domain.md §3.3).
 */
@Repository
class ProvisionRecipients {

    /** A department that received the record, when and for which affair. */
    record Receipt(Instant at, String departmentId, String departmentName, String affairCode, String affairName,
                   String legalBasis) {
    }

    private final JdbcTemplate jdbc;

    ProvisionRecipients(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The entries that handed out {@code code} to a department in {@code [from, to)}, oldest first: one index range
     * of the log's per-resident rows. Disclosures have no department, so they are never recipients.
     */
    List<Receipt> receipts(ResidentCode code, Instant from, Instant to) {
        return jdbc.query("SELECT p.at, p.department_id, d.name, p.affair_code, a.name, p.legal_basis"
                        + " FROM provision_log_resident r JOIN provision_log p ON p.seq = r.seq"
                        + " JOIN department d ON d.id = p.department_id"
                        + " LEFT JOIN affair a ON a.code = p.affair_code"
                        + " WHERE r.resident_code = ? AND p.outcome = 'PROVIDED'"
                        + " AND p.at >= ? AND p.at < ? ORDER BY p.at, p.seq",
                (rs, row) -> new Receipt(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6)),
                code.value(), Timestamp.from(from), Timestamp.from(to));
    }
}
