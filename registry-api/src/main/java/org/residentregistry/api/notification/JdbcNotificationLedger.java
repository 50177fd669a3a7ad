package org.residentregistry.api.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.notification.NotificationKey;
import org.residentregistry.core.notification.NotificationLedger;
import org.residentregistry.core.notification.NotificationOutcome;
import org.residentregistry.projections.ArrayRows;
import org.residentregistry.projections.PendingWrites;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A file's ledger in its table (identity_notification, overseas_notification), whose primary key (municipality,
 * update sequence) makes a second application of one key fail in the database, whichever node tries it. Within a
 * batch the keys are read in one query ({@link #prefetch}) and the new entries written in one statement at commit;
 * a key applied meanwhile by another transaction fails that write, and the batch is retried.
 */
public class JdbcNotificationLedger implements NotificationLedger {

    private record Applied(NotificationKey key, String digest, ResidentCode residentCode, NotificationOutcome outcome,
                           Instant receivedAt) {
    }

    private record Scope(Map<NotificationKey, Optional<Entry>> known, List<Applied> applied) {
    }

    private final JdbcTemplate jdbc;
    private final String table;
    private final String scope;
    private final String insert;

    /** The ledger kept in {@code table}: each file's municipalities number their notifications apart. */
    public JdbcNotificationLedger(JdbcTemplate jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
        this.scope = JdbcNotificationLedger.class.getName() + "." + table;
        this.insert = "INSERT INTO " + table + " (municipality_code, update_sequence, content_digest, resident_code, effect,"
                + " version, received_at) SELECT * FROM " + ArrayRows.ROWS;
    }

    /** Reads every key of the batch at once; later lookups of these keys in this unit of work need no query. */
    public void prefetch(Collection<NotificationKey> keys) {
        Scope scope = scope();
        keys.forEach(key -> scope.known().put(key, Optional.empty()));
        jdbc.query("SELECT municipality_code, update_sequence, content_digest, effect, version FROM " + table
                        + " WHERE (municipality_code, update_sequence) IN"
                        + " (SELECT * FROM unnest(?::char(6)[], ?::bigint[]))",
                rs -> {
                    NotificationKey key = new NotificationKey(
                            MunicipalityCode.of(rs.getString(1)), rs.getLong(2));
                    scope.known().put(key, Optional.of(entry(rs.getString(3), rs.getString(4), rs.getInt(5))));
                },
                keys.stream().map(k -> k.municipalityCode().value()).toArray(String[]::new),
                keys.stream().map(NotificationKey::updateSequence).toArray(Long[]::new));
    }

    @Override
    public Optional<Entry> find(NotificationKey key) {
        Optional<Entry> known = scope().known().get(key);
        if (known != null) {
            return known;
        }
        return jdbc.query("SELECT content_digest, effect, version FROM " + table
                                + " WHERE municipality_code = ? AND update_sequence = ?",
                        (rs, row) -> entry(rs.getString(1), rs.getString(2), rs.getInt(3)),
                        key.municipalityCode().value(), key.updateSequence())
                .stream().findFirst();
    }

    @Override
    public void record(NotificationKey key, String contentDigest, ResidentCode residentCode, NotificationOutcome outcome,
                       Instant receivedAt) {
        Scope scope = scope();
        scope.known().put(key, Optional.of(new Entry(contentDigest, outcome)));
        scope.applied().add(new Applied(key, contentDigest, residentCode, outcome, receivedAt));
    }

    private Scope scope() {
        return PendingWrites.in(CurrentUnitOfWork.get().root(), scope, () -> new Scope(new HashMap<>(), new ArrayList<>()), this::flush);
    }

    private void flush(Scope scope) {
        ArrayRows.write(jdbc, insert, scope.applied(), (a, values) -> {
            values.text(a.key().municipalityCode().value());
            values.bigint(a.key().updateSequence());
            values.text(a.digest());
            values.text(a.residentCode().value());
            values.text(a.outcome().effect().name());
            values.integer(a.outcome().version());
            values.timestamp(a.receivedAt());
        });
    }

    private static Entry entry(String digest, String effect, int version) {
        return new Entry(digest, NotificationOutcome.applied(NotificationOutcome.Effect.valueOf(effect), version));
    }
}
