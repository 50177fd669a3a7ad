package org.residentregistry.api.reconciliation;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The reports as the interface shows them: the summary, and pages of discrepancies and of bad rows. */
@Component
class ReconciliationReports {

    /** Gap ranges shown in the summary; the count of missing sequences covers them all. */
    private static final int GAP_RANGES_SHOWN = 1_000;

    private final JdbcTemplate jdbc;

    ReconciliationReports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Summary(UUID id, String file, String municipalityCode, String status, Instant receivedAt, Instant startedAt,
                   Instant finishedAt, Instant snapshotAt, long records, long badRows, Long matched, Long differing,
                   Long onlyInMunicipality, Long onlyInRegistry, Long heldByAnotherMunicipality, SequenceGaps sequenceGaps) {
    }

    /** Update sequences from {@code from} to {@code through} that the registry never applied. */
    record SequenceGaps(Long from, Long through, Long missing, List<Range> ranges) {
    }

    record Range(long first, long last) {
    }

    record Discrepancy(String residentCode, String kind, List<String> fields) {
    }

    record BadRow(long line, String field, String reason) {
    }

    record Page<T>(int page, int size, long total, List<T> items) {
    }

    Optional<Summary> summary(UUID id) {
        return jdbc.query("SELECT id, file, municipality_code, state, received_at, started_at, finished_at, snapshot_at,"
                + " records, bad_rows, matched, differing, only_in_municipality, only_in_registry,"
                + " held_by_another_municipality, sequences_from, sequences_through, missing_sequences"
                + " FROM reconciliation WHERE id = ?", (rs, row) -> new Summary(rs.getObject(1, UUID.class),
                rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5), instant(rs, 6), instant(rs, 7),
                instant(rs, 8), rs.getLong(9), rs.getLong(10), rs.getObject(11, Long.class), rs.getObject(12, Long.class),
                rs.getObject(13, Long.class), rs.getObject(14, Long.class), rs.getObject(15, Long.class),
                new SequenceGaps(rs.getObject(16, Long.class), rs.getObject(17, Long.class), rs.getObject(18, Long.class),
                        gaps(id))), id).stream().findFirst();
    }

    Page<Discrepancy> discrepancies(UUID id, String kind, int page, int size) {
        String where = " FROM reconciliation_discrepancy WHERE reconciliation_id = ? AND (?::text IS NULL OR kind = ?)";
        long total = jdbc.queryForObject("SELECT count(*)" + where, Long.class, id, kind, kind);
        List<Discrepancy> items = jdbc.query("SELECT resident_code, kind, fields" + where
                        + " ORDER BY resident_code LIMIT ? OFFSET ?",
                (rs, row) -> new Discrepancy(rs.getString(1), rs.getString(2), strings(rs.getArray(3))),
                id, kind, kind, size, (long) page * size);
        return new Page<>(page, size, total, items);
    }

    Page<BadRow> badRows(UUID id, int page, int size) {
        long total = jdbc.queryForObject("SELECT count(*) FROM reconciliation_bad_row WHERE reconciliation_id = ?", Long.class, id);
        List<BadRow> items = jdbc.query("SELECT line_number, field, reason FROM reconciliation_bad_row"
                        + " WHERE reconciliation_id = ? ORDER BY line_number, field LIMIT ? OFFSET ?",
                (rs, row) -> new BadRow(rs.getLong(1), rs.getString(2), rs.getString(3)), id, size, (long) page * size);
        return new Page<>(page, size, total, items);
    }

    private List<Range> gaps(UUID id) {
        return jdbc.query("SELECT first_missing, last_missing FROM reconciliation_sequence_gap WHERE reconciliation_id = ?"
                        + " ORDER BY first_missing LIMIT ?",
                (rs, row) -> new Range(rs.getLong(1), rs.getLong(2)), id, GAP_RANGES_SHOWN);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? null : Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
