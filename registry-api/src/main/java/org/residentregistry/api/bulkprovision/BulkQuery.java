package org.residentregistry.api.bulkprovision;

import java.util.UUID;

import org.residentregistry.api.security.RegistryAccount;
import org.residentregistry.api.security.Role;

/**
 * A bulk provision job — 一括提供 — as the registry keeps it: who submitted it for which affair, where it stands, and
 * how many of its rows have their results recorded.
 */
record BulkQuery(UUID id, String operatorId, String departmentId, String terminalId, String affairCode, Status status,
                 int rows, int processed) {

    enum Status { QUEUED, RUNNING, DONE, FAILED }

    /** The submitting operator, as the provision log records each row's query. */
    RegistryAccount operator() {
        return new RegistryAccount(operatorId, Role.DEPARTMENT_OPERATOR, null, departmentId);
    }
}
