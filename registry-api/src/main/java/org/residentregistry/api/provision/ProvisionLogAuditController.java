package org.residentregistry.api.provision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;
import org.residentregistry.api.problem.FieldErrors;
import org.residentregistry.core.codes.InvalidValueException;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.projections.provision.CheckpointKey;
import org.residentregistry.projections.provision.ProvisionLogEntry;
import org.residentregistry.projections.provision.ProvisionLogVerification;
import org.residentregistry.projections.provision.ProvisionLogVerifier;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Auditors' view of the provision log — 提供・移転記録 (interface.md, Audit): its entries with filters and paging, and
 * the verification of its chain and checkpoints.
 */
@RestController
class ProvisionLogAuditController {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final ProvisionLogVerifier verifier;

    ProvisionLogAuditController(JdbcTemplate jdbc, PlatformTransactionManager transactions, CheckpointKey key) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.verifier = new ProvisionLogVerifier(key);
    }

    /** One entry as interface.md shows it; {@code criteria} is the JSON object as the request gave it. */
    record Entry(UUID id, long seq, Instant at, String operatorId, String departmentId, String terminalId,
                 String affair, String legalBasis, String queryKind, @JsonRawValue String criteria, String outcome,
                 String refusalReason, List<String> residentCodes, boolean individualNumberIncluded) {

        static Entry of(ProvisionLogEntry entry) {
            return new Entry(entry.id(), entry.seq(), entry.at(), entry.operatorId(), entry.departmentId(),
                    entry.terminalId(), entry.affairCode(), entry.legalBasis(), entry.queryKind(), entry.criteria(),
                    entry.outcome(), entry.refusalReason(), entry.residentCodes(), entry.individualNumberIncluded());
        }
    }

    /** {@code next}: the {@code after} of the next page, when this one is full. */
    record Entries(int page, int size, List<Entry> entries, Long next) {
    }

    /** Entries in chain order (seq), filtered; every filter is an indexed condition. */
    @GetMapping("/api/v1/audit/provision-log")
    Entries entries(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    @RequestParam(required = false) String operatorId, @RequestParam(required = false) String departmentId,
                    @RequestParam(required = false) String residentCode, @RequestParam(required = false) String outcome,
                    @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                    @RequestParam(required = false) Long after) {
        FieldErrors errors = new FieldErrors();
        if (outcome != null && !outcome.equals("PROVIDED") && !outcome.equals("REFUSED")) {
            errors.add("outcome", FieldErrors.INVALID_VALUE, "must be PROVIDED or REFUSED");
        }
        if (residentCode != null) {
            try {
                ResidentCode.of(residentCode);
            } catch (InvalidValueException e) {
                errors.add("residentCode", e.code(), e.getMessage());
            }
        }
        AuditPeriod period = AuditPeriod.of(errors, from, to, page, size, after);
        errors.throwIfAny();
        StringBuilder sql = new StringBuilder("SELECT " + ProvisionLogEntry.COLUMNS + " FROM provision_log WHERE true");
        List<Object> arguments = new ArrayList<>();
        period.where(sql, arguments);
        condition(sql, arguments, " AND operator_id = ?", operatorId);
        condition(sql, arguments, " AND department_id = ?", departmentId);
        condition(sql, arguments, " AND outcome = ?", outcome);
        condition(sql, arguments, " AND seq IN (SELECT seq FROM provision_log_resident WHERE resident_code = ?)", residentCode);
        sql.append(" ORDER BY seq LIMIT ? OFFSET ?");
        arguments.add(period.size());
        arguments.add(period.offset());
        List<Entry> entries = jdbc.query(sql.toString(), (rs, row) -> Entry.of(ProvisionLogEntry.read(rs)),
                arguments.toArray());
        return new Entries(period.page(), period.size(), entries, period.next(entries.stream().map(Entry::seq).toList()));
    }

    /** Walks the whole chain in one snapshot, streaming: the first entry or checkpoint that is not as written. */
    @GetMapping("/api/v1/audit/provision-log/verification")
    ProvisionLogVerification verification() {
        return snapshot.execute(status -> jdbc.execute((ConnectionCallback<ProvisionLogVerification>)
                connection -> verifier.verify(connection, seq -> { })));
    }

    private static void condition(StringBuilder sql, List<Object> arguments, String condition, Object value) {
        if (value != null) {
            sql.append(condition);
            arguments.add(value);
        }
    }
}
