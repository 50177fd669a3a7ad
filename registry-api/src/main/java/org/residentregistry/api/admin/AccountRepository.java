package org.residentregistry.api.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.residentregistry.api.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accounts for administration. Authentication reads the same table by token hash, in the security package. */
@Repository
class AccountRepository {

    /** Key of the PostgreSQL advisory lock that serialises revocations ("REVOKE" in ASCII). */
    private static final long REVOCATION_LOCK = 0x5245564F4B45L;

    private static final String COLUMNS =
            "id, role, municipality_code, department_id, created_at, created_by, revoked_at, revoked_by";

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the account with the hash of its token; {@code false} if its id or its token hash is taken. */
    boolean add(Account account, byte[] tokenHash) {
        return jdbc.sql("""
                        INSERT INTO account (id, role, municipality_code, department_id, token_hash, created_at, created_by)
                        VALUES (:id, :role, :municipalityCode, :departmentId, :tokenHash, :createdAt, :createdBy)
                        ON CONFLICT DO NOTHING""")
                .param("id", account.id())
                .param("role", account.role().name())
                .param("municipalityCode", account.municipalityCode())
                .param("departmentId", account.departmentId())
                .param("tokenHash", tokenHash)
                .param("createdAt", Timestamps.parameter(account.createdAt()))
                .param("createdBy", account.createdBy())
                .update() == 1;
    }

    /** Whether the id is taken, by an active or a revoked account. */
    boolean exists(String id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM account WHERE id = ?)").param(id).query(Boolean.class).single();
    }

    Optional<Account> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE id = ?").param(id).query(AccountRepository::account).optional();
    }

    List<Account> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account ORDER BY id").query(AccountRepository::account).list();
    }

    /**
     * Makes concurrent revocations take turns until the end of the current transaction, so that two
     * administrators revoking each other cannot both see the other as the one left.
     */
    void lockRevocations() {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(REVOCATION_LOCK).query().listOfRows();
    }

    long activeAdministrators() {
        return jdbc.sql("SELECT count(*) FROM account WHERE role = ? AND revoked_at IS NULL")
                .param(Role.ADMINISTRATOR.name())
                .query(Long.class)
                .single();
    }

    /** Records the revocation; the row stays, so the id is never reused and the account's acts stay attributable. */
    Account revoke(Account account, String revokedBy, Instant at) {
        jdbc.sql("UPDATE account SET revoked_at = :at, revoked_by = :by WHERE id = :id")
                .param("at", Timestamps.parameter(at))
                .param("by", revokedBy)
                .param("id", account.id())
                .update();
        return account.revoked(at, revokedBy);
    }

    private static Account account(ResultSet row, int rowNumber) throws SQLException {
        return new Account(row.getString("id"), Role.valueOf(row.getString("role")), row.getString("municipality_code"),
                row.getString("department_id"), Timestamps.read(row, "created_at"), row.getString("created_by"),
                Timestamps.read(row, "revoked_at"), row.getString("revoked_by"));
    }
}
