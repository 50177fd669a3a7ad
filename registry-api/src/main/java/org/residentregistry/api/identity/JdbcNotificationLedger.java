package org.residentregistry.api.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.identity.NotificationKey;
import org.residentregistry.core.identity.NotificationLedger;
import org.residentregistry.core.identity.NotificationOutcome;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger in identity_notification, whose primary key (municipality, update sequence) makes a second
 * application of one key fail in the database, whichever node tries it.
 */
class JdbcNotificationLedger implements NotificationLedger {

    private final JdbcTemplate jdbc;

    JdbcNotificationLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Entry> find(NotificationKey key) {
        return jdbc.query("SELECT content_digest, effect, version FROM identity_notification"
                                + " WHERE municipality_code = ? AND update_sequence = ?",
                        (rs, row) -> new Entry(rs.getString(1), NotificationOutcome.applied(
                                NotificationOutcome.Effect.valueOf(rs.getString(2)), rs.getInt(3))),
                        key.municipalityCode().value(), key.updateSequence())
                .stream().findFirst();
    }

    @Override
    public void record(NotificationKey key, String contentDigest, ResidentCode residentCode, NotificationOutcome outcome,
                       Instant receivedAt) {
        jdbc.update("INSERT INTO identity_notification (municipality_code, update_sequence, content_digest, resident_code,"
                        + " effect, version, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                key.municipalityCode().value(), key.updateSequence(), contentDigest, residentCode.value(),
                outcome.effect().name(), outcome.version(), Timestamp.from(receivedAt));
    }

}
