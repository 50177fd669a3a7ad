package org.residentregistry.projections.statistics;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the update statistics. */
public class UpdateStatisticsQueries {

    private final JdbcTemplate jdbc;

    public UpdateStatisticsQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Applied updates by municipality, change reason and day (in Japan), for the days from {@code from} to {@code to}. */
    public List<UpdateCount> updates(LocalDate from, LocalDate to) {
        return jdbc.query("SELECT municipality_code, change_reason, day, applied FROM identity_update_statistics"
                        + " WHERE day BETWEEN ? AND ? ORDER BY day, municipality_code, change_reason",
                (rs, row) -> new UpdateCount(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getLong(4)), from, to);
    }

    /** The number of updates of one change reason applied for one municipality on one day. No personal data. */
    public record UpdateCount(String municipalityCode, String changeReason, LocalDate day, long applied) {
    }

    /**
     * Per municipality, how many update sequence numbers below its highest were never applied: gaps, or
     * notifications rejected or not yet sent. Visible, not an error (§2.3).
     */
    public Map<String, Long> sequenceGaps() {
        return jdbc.query("SELECT municipality_code, max_sequence - applied AS gaps FROM municipality_sequence",
                        (rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
