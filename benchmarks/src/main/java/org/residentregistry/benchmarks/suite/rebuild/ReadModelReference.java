package org.residentregistry.benchmarks.suite.rebuild;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;

import org.residentregistry.benchmarks.prefecture.Name;
import org.residentregistry.benchmarks.prefecture.Notification;
import org.residentregistry.benchmarks.prefecture.SyntheticPrefecture;
import org.residentregistry.benchmarks.suite.environment.Database;
import org.residentregistry.benchmarks.suite.load.PlainBatchInsert;

/**
 * The reference for a projection rebuild: what rebuilding the identity file's read models writes for the initial
 * load's events (a row of identity_current and a row of identity_version per event) inserted by plain batched
 * JDBC into scratch copies of both tables ({@code LIKE ... INCLUDING ALL}: the same columns and indexes). The
 * registry half waits for a rebuild to measure (issue 7); this half is ready for the comparison.
 */
public final class ReadModelReference {

    private static final String CURRENT = "benchmark_current_reference";
    private static final String VERSION = "benchmark_version_reference";
    /** identity_current's columns (V2__identity_file.sql); identity_version adds the effect. */
    private static final String COLUMNS = "resident_code, version, status, municipality_code, update_sequence, "
            + "change_reason, change_date, notified_at, received_at, operator_id, terminal_id, "
            + "previous_resident_code, superseded_by, name_kanji, name_kana, name_gaiji_count, "
            + "name_gaiji_change_seq, former_surname_kanji, former_surname_kana, former_surname_gaiji_count, "
            + "former_surname_gaiji_change_seq, birth_date, sex, address_text, address_oaza_code, "
            + "address_gaiji_count, address_gaiji_change_seq, individual_number, gaiji_flag";
    private static final int COLUMN_COUNT = COLUMNS.split(",").length;
    private static final String INSERT_CURRENT = "INSERT INTO " + CURRENT + " (" + COLUMNS + ") VALUES ("
            + "?, ".repeat(COLUMN_COUNT - 1) + "?)";
    private static final String INSERT_VERSION = "INSERT INTO " + VERSION + " (" + COLUMNS + ", effect) VALUES ("
            + "?, ".repeat(COLUMN_COUNT) + "?)";

    private ReadModelReference() {
    }

    /** The rates in events per second: an event is a row in each table. */
    public static PlainBatchInsert.Rates run(SyntheticPrefecture prefecture, Database database,
                                             List<Integer> connectionCounts, int perCommit)
            throws SQLException, InterruptedException, ExecutionException {
        database.execute("DROP TABLE IF EXISTS " + CURRENT, "DROP TABLE IF EXISTS " + VERSION,
                "CREATE TABLE " + CURRENT + " (LIKE identity_current INCLUDING ALL)",
                "CREATE TABLE " + VERSION + " (LIKE identity_version INCLUDING ALL)");
        try {
            return PlainBatchInsert.withEach(connectionCounts, "read models by JDBC", prefecture, database,
                    perCommit, List.of(CURRENT, VERSION), ReadModelRows::new);
        } finally {
            database.execute("DROP TABLE IF EXISTS " + CURRENT, "DROP TABLE IF EXISTS " + VERSION);
        }
    }

    /** A recorded resident's first version, in both tables, as the projection writes it. */
    private static final class ReadModelRows implements PlainBatchInsert.Rows {
        private final PreparedStatement current;
        private final PreparedStatement version;

        private ReadModelRows(Connection connection) throws SQLException {
            this.current = connection.prepareStatement(INSERT_CURRENT);
            this.version = connection.prepareStatement(INSERT_VERSION);
        }

        @Override
        public void add(Notification notification) throws SQLException {
            Instant receivedAt = Instant.now();
            bindRecord(current, notification, receivedAt);
            current.addBatch();
            bindRecord(version, notification, receivedAt);
            version.setString(COLUMN_COUNT + 1, "CURRENT_CHANGED");
            version.addBatch();
        }

        @Override
        public void executeBatch() throws SQLException {
            version.executeBatch();
            current.executeBatch();
        }

        private static void bindRecord(PreparedStatement row, Notification n, Instant receivedAt)
                throws SQLException {
            int i = 0;
            row.setString(++i, n.residentCode().value());
            row.setInt(++i, 1);
            row.setString(++i, "CURRENT");
            row.setString(++i, n.municipalityCode().value());
            row.setLong(++i, n.updateSequence());
            row.setString(++i, n.changeReason().name());
            row.setDate(++i, Date.valueOf(n.changeDate()));
            row.setTimestamp(++i, Timestamp.from(n.notifiedAt().toInstant()));
            row.setTimestamp(++i, Timestamp.from(receivedAt));
            row.setString(++i, n.operatorId());
            row.setString(++i, n.terminalId());
            row.setNull(++i, Types.CHAR);
            row.setNull(++i, Types.CHAR);
            i = bindName(row, i, n.name());
            i = bindName(row, i, n.formerSurname());
            row.setDate(++i, Date.valueOf(n.birthDate()));
            row.setString(++i, n.sex().code());
            row.setString(++i, n.address().text());
            row.setString(++i, n.address().oazaCode());
            row.setInt(++i, n.address().gaijiCount());
            row.setInt(++i, n.address().gaijiChangeSeq());
            row.setString(++i, n.individualNumber().value());
            row.setBoolean(++i, n.gaijiFlag());
        }

        private static int bindName(PreparedStatement row, int i, Name name) throws SQLException {
            if (name == null) {
                row.setNull(++i, Types.VARCHAR);
                row.setNull(++i, Types.VARCHAR);
                row.setNull(++i, Types.INTEGER);
                row.setNull(++i, Types.INTEGER);
                return i;
            }
            row.setString(++i, name.kanji());
            row.setString(++i, name.kana());
            row.setInt(++i, name.gaijiCount());
            row.setInt(++i, name.gaijiChangeSeq());
            return i;
        }
    }
}
