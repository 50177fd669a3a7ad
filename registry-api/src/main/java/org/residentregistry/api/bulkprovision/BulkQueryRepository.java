package org.residentregistry.api.bulkprovision;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The bulk queries' tables: jobs, their uploaded rows and their result lines. */
@Repository
class BulkQueryRepository {

    private static final String COLUMNS = "id, operator_id, department_id, terminal_id, affair_code, status, rows, processed";

    private final JdbcTemplate jdbc;

    BulkQueryRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void create(BulkQuery job, Instant at) {
        jdbc.update("INSERT INTO bulk_query (" + COLUMNS + ", submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                job.id(), job.operatorId(), job.departmentId(), job.terminalId(), job.affairCode(),
                job.status().name(), job.rows(), job.processed(), Timestamp.from(at));
    }

    void addRows(UUID job, List<BulkQueryRow> rows) {
        jdbc.batchUpdate("INSERT INTO bulk_query_row (bulk_query_id, row_number, consistent, resident_code,"
                        + " individual_number, kanji_name, kana_name, birth_date, sex, address)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows, rows.size(),
                (ps, row) -> {
                    ps.setObject(1, job);
                    ps.setInt(2, row.number());
                    ps.setBoolean(3, row.consistent());
                    ps.setString(4, row.residentCode());
                    ps.setString(5, row.individualNumber());
                    ps.setString(6, row.kanjiName());
                    ps.setString(7, row.kanaName());
                    ps.setString(8, row.birthDate());
                    ps.setString(9, row.sex());
                    ps.setString(10, row.address());
                });
    }

    void setRows(UUID job, int rows) {
        jdbc.update("UPDATE bulk_query SET rows = ? WHERE id = ?", rows, job);
    }

    Optional<BulkQuery> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM bulk_query WHERE id = ?", BulkQueryRepository::job, id)
                .stream().findFirst();
    }

    /**
     * Takes the oldest job that is queued, or running under a lease that has run out (its node died), for
     * {@code owner} until {@code lease} from now; skips jobs another node is claiming at this very moment.
     */
    Optional<BulkQuery> claim(String owner, Duration lease, Instant now) {
        return jdbc.query("UPDATE bulk_query SET status = 'RUNNING', lease_owner = ?, lease_until = ?"
                        + " WHERE id = (SELECT id FROM bulk_query WHERE status IN ('QUEUED', 'RUNNING')"
                        + " AND (lease_until IS NULL OR lease_until < ?) ORDER BY submitted_at LIMIT 1"
                        + " FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS,
                BulkQueryRepository::job, owner, Timestamp.from(now.plus(lease)), Timestamp.from(now))
                .stream().findFirst();
    }

    List<BulkQueryRow> rowsAfter(UUID job, int processed, int limit) {
        return jdbc.query("SELECT row_number, consistent, resident_code, individual_number, kanji_name, kana_name,"
                        + " birth_date, sex, address FROM bulk_query_row WHERE bulk_query_id = ? AND row_number > ?"
                        + " ORDER BY row_number LIMIT ?",
                (rs, n) -> new BulkQueryRow(rs.getInt(1), rs.getBoolean(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)),
                job, processed, limit);
    }

    /** Which of {@code ids} the provision log already holds: one query for a chunk of rows. */
    Set<UUID> alreadyLogged(Collection<UUID> ids) {
        return new HashSet<>(jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT id FROM provision_log WHERE id = ANY (?)");
            ps.setArray(1, con.createArrayOf("uuid", ids.toArray()));
            return ps;
        }, (rs, n) -> rs.getObject(1, UUID.class)));
    }

    /**
     * Records a chunk's result lines and the job's progress, if {@code owner} still holds the lease (else nothing,
     * and false: another node took the job over). Call in one transaction.
     */
    boolean recordChunk(UUID job, String owner, List<ResultLine> lines, int processed, boolean done,
                        Duration lease, Instant now) {
        int updated = jdbc.update("UPDATE bulk_query SET processed = ?, status = ?, lease_until = ?"
                        + " WHERE id = ? AND lease_owner = ?",
                processed, done ? "DONE" : "RUNNING", done ? null : Timestamp.from(now.plus(lease)), job, owner);
        if (updated == 0) {
            return false;
        }
        jdbc.batchUpdate("INSERT INTO bulk_query_result (bulk_query_id, row_number, line_number, line)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", lines, lines.size(),
                (ps, line) -> {
                    ps.setObject(1, job);
                    ps.setInt(2, line.row());
                    ps.setInt(3, line.number());
                    ps.setString(4, line.text());
                });
        return true;
    }

    void fail(UUID job, String owner) {
        jdbc.update("UPDATE bulk_query SET status = 'FAILED', lease_until = NULL WHERE id = ? AND lease_owner = ?",
                job, owner);
    }

    /** Hands each result line to {@code sink} in row order, through a cursor: a result may hold 100,000 rows and more. */
    void resultLines(UUID job, Consumer<String> sink) {
        JdbcTemplate cursor = new JdbcTemplate(jdbc.getDataSource());
        cursor.setFetchSize(1_000);
        cursor.query("SELECT line FROM bulk_query_result WHERE bulk_query_id = ? ORDER BY row_number, line_number",
                rs -> {
                    sink.accept(rs.getString(1));
                }, job);
    }

    /** A line of the result file: the row it answers and its place among that row's lines. */
    record ResultLine(int row, int number, String text) {

        @Override
        public String toString() {
            return "ResultLine[" + row + "." + number + "]";
        }
    }

    private static BulkQuery job(ResultSet rs, int row) throws SQLException {
        return new BulkQuery(rs.getObject("id", UUID.class), rs.getString("operator_id"), rs.getString("department_id"),
                rs.getString("terminal_id"), rs.getString("affair_code"),
                BulkQuery.Status.valueOf(rs.getString("status")), rs.getInt("rows"), rs.getInt("processed"));
    }
}
