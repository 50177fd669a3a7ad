package org.residentregistry.api.overseas;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The temporary holding area — 一時保存 — for individual numbers handed out with overseas records (domain.md §1.2,
 * §6): the answer of each such provision, kept apart from both files for
 * {@code registry.retention.temporary-individual-number} so that it can be delivered again, then erased.
 */
@Component
class TemporaryIndividualNumbers {

    private static final Logger LOG = LoggerFactory.getLogger(TemporaryIndividualNumbers.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Period period;

    TemporaryIndividualNumbers(JdbcTemplate jdbc, Clock clock,
                               @Value("${registry.retention.temporary-individual-number:P30D}") Period period) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.period = period;
    }

    /** A held provision: who received it, for which affair, and (until it expires) what. */
    record Held(String departmentId, String affairCode, List<String> residentCodes, String answer) {

        boolean expired() {
            return answer == null;
        }

        @Override
        public String toString() {
            return "Held[***]";
        }
    }

    /** Holds the answer of provision {@code provisionId} until the period has passed. */
    void hold(UUID provisionId, String departmentId, String affairCode, List<String> residentCodes, String answer) {
        Instant until = clock.instant().atOffset(ZoneOffset.UTC).plus(period).toInstant();
        jdbc.update("INSERT INTO temporary_individual_number (provision_id, department_id, affair_code, held_until,"
                        + " resident_codes, answer) VALUES (?, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setObject(1, provisionId);
                    ps.setString(2, departmentId);
                    ps.setString(3, affairCode);
                    ps.setTimestamp(4, Timestamp.from(until));
                    ps.setArray(5, ps.getConnection().createArrayOf("bpchar", residentCodes.toArray()));
                    ps.setString(6, answer);
                });
    }

    /** The provision held under {@code provisionId}, expired (and erased now if it was not yet) once its period passed. */
    Optional<Held> find(UUID provisionId) {
        purge();
        return jdbc.query("SELECT department_id, affair_code, resident_codes, answer FROM temporary_individual_number"
                        + " WHERE provision_id = ?",
                (rs, row) -> new Held(rs.getString(1), rs.getString(2),
                        rs.getArray(3) == null ? null : Arrays.stream((String[]) rs.getArray(3).getArray()).toList(),
                        rs.getString(4)),
                provisionId).stream().findFirst();
    }

    /** Erases every answer whose period has passed; the rows stay as tombstones without personal data. */
    @Scheduled(fixedDelayString = "${registry.retention.temporary-individual-number-purge-interval:PT1M}")
    int purge() {
        int erased = jdbc.update("UPDATE temporary_individual_number SET answer = NULL, resident_codes = NULL"
                + " WHERE answer IS NOT NULL AND held_until <= ?", Timestamp.from(clock.instant()));
        if (erased > 0) {
            // The purge is recorded by count only: nothing of what it erased.
            LOG.info("Erased {} expired entries of the temporary individual-number area", erased);
        }
        return erased;
    }
}
