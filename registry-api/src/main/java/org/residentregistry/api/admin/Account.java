package org.residentregistry.api.admin;

import java.time.Instant;

import org.residentregistry.api.security.Role;

/**
 * An account as administrators see it: who it is, its role and its history. Never its token or the
 * token's hash.
 *
 * @param createdBy the administrator who created it; {@code null} for the bootstrap administrator
 * @param revokedAt when it was revoked, {@code null} while it is active
 */
public record Account(String id, Role role, String municipalityCode, String departmentId,
                      Instant createdAt, String createdBy, Instant revokedAt, String revokedBy) {

    Account revoked(Instant at, String by) {
        return new Account(id, role, municipalityCode, departmentId, createdAt, createdBy, at, by);
    }
}
