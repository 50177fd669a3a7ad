package org.residentregistry.projections.statistics;

import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the update statistics. */
public class UpdateStatisticsQueries {

    private final JdbcTemplate jdbc;

    public UpdateStatisticsQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Total applied updates counted so far. */
    public long totalApplied() {
        Long total = jdbc.queryForObject("SELECT COALESCE(SUM(applied), 0) FROM identity_update_statistics", Long.class);
        return total == null ? 0 : total;
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
