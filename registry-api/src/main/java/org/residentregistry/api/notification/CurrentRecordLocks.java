package org.residentregistry.api.notification;

import java.util.Collection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Locks a batch's current records — 現存する本人確認情報 — before the batch reads anything it decides on. The retention
 * purge takes a person's current row {@code FOR UPDATE SKIP LOCKED} before it erases their events, history and ledger
 * entries; ingest taking the same rows first makes the two serial for that person: a purge batch holding the row makes
 * ingest wait (at most one purge batch) and then read what the purge left, ingest holding it makes the purge skip
 * the person. Without it, ingest read a person's events, a purge erased the person whole and committed, and ingest
 * appended the next event to an aggregate whose earlier events were gone.
 *
 * <p>A person with no current row yet (a {@code MOVE_IN}, a first overseas record) has nothing to lock and nothing for
 * the purge to erase either.
 */
@Component
public class CurrentRecordLocks {

    private final JdbcTemplate jdbc;

    CurrentRecordLocks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the rows of {@code residentCodes} in {@code currentTable} until the transaction ends, in one statement. In
     * resident-code order: two batches touching the same persons (a move between municipalities is notified by both)
     * take them in the same order, so neither can hold one the other waits for while waiting for one it holds.
     */
    public void lock(String currentTable, Collection<String> residentCodes) {
        if (residentCodes.isEmpty()) {
            return;
        }
        // PostgreSQL sorts before it locks (LockRows sits above the Sort), so the rows are locked in this order.
        jdbc.queryForList("SELECT resident_code FROM " + currentTable + " WHERE resident_code = ANY (?::bpchar[])"
                + " ORDER BY resident_code FOR UPDATE", String.class, (Object) residentCodes.toArray(String[]::new));
    }
}
