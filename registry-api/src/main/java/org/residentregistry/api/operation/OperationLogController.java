package org.residentregistry.api.operation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.residentregistry.api.problem.FieldErrors;
import org.residentregistry.api.provision.AuditPeriod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Auditors' view of the operation log — 操作履歴 (interface.md, Audit), in the order it was written. */
@RestController
class OperationLogController {

    private final JdbcTemplate jdbc;

    OperationLogController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One request as the log holds it; {@code accountId} is null for a failed sign-in, {@code route} where none matched. */
    record Operation(long seq, Instant at, String accountId, String role, String method, String route, String operation,
                     int status, UUID provisionId) {
    }

    /** {@code next}: the {@code after} of the next page, when this one is full. */
    record Operations(int page, int size, List<Operation> entries, Long next) {
    }

    @GetMapping("/api/v1/audit/operation-log")
    Operations operations(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                          @RequestParam(required = false) String accountId,
                          @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                          @RequestParam(required = false) Long after) {
        FieldErrors errors = new FieldErrors();
        AuditPeriod period = AuditPeriod.of(errors, from, to, page, size, after);
        errors.throwIfAny();
        StringBuilder sql = new StringBuilder("SELECT seq, at, account_id, role, method, route, operation, status,"
                + " provision_id FROM operation_log WHERE true");
        List<Object> arguments = new ArrayList<>();
        period.where(sql, arguments);
        if (accountId != null) {
            sql.append(" AND account_id = ?");
            arguments.add(accountId);
        }
        sql.append(" ORDER BY seq LIMIT ? OFFSET ?");
        arguments.add(period.size());
        arguments.add(period.offset());
        List<Operation> operations = jdbc.query(sql.toString(), (rs, row) -> new Operation(
                rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getInt(8), rs.getObject(9, UUID.class)), arguments.toArray());
        return new Operations(period.page(), period.size(), operations,
                period.next(operations.stream().map(Operation::seq).toList()));
    }
}
