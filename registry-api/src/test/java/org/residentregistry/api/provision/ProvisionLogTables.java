package org.residentregistry.api.provision;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import org.residentregistry.projections.provision.CheckpointKey;
import org.residentregistry.projections.provision.ProvisionLogVerification;
import org.residentregistry.projections.provision.ProvisionLogVerification.Reason;
import org.residentregistry.projections.provision.ProvisionLogVerifier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The provision log's tables as a superuser who disables the append-only triggers sees them, for the tests that change
 * them behind the registry's back, and the verifier's finding on them.
 */
final class ProvisionLogTables {

    /** The tables whose triggers a change behind the registry's back disables (and enables again). */
    private static final List<String> TABLES = List.of("provision_log", "provision_log_resident",
            "provision_log_checkpoint", "provision_log_purge");

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final CheckpointKey key;

    ProvisionLogTables(JdbcTemplate jdbc, DataSource dataSource, CheckpointKey key) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.key = key;
    }

    /** The first invalid seq and why. */
    record Finding(long seq, Reason reason) {
    }

    /** The verifier's finding after changes made directly in the tables, in a transaction rolled back afterwards. */
    Finding findingAfter(String... changes) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                withTriggersDisabled(connection, changes);
                ProvisionLogVerification verification = new ProvisionLogVerifier(key).verify(connection, seq -> { });
                return verification.valid() ? null : new Finding(verification.firstInvalidSeq(), verification.reason());
            } finally {
                connection.rollback();
            }
        }
    }

    /** A change committed behind the registry's back, as a superuser who disables the append-only triggers would. */
    void tamper(String change) {
        inTransaction(connection -> withTriggersDisabled(connection, change));
    }

    private static void withTriggersDisabled(Connection connection, String... changes) throws SQLException {
        for (String table : TABLES) {
            execute(connection, "ALTER TABLE " + table + " DISABLE TRIGGER USER");
        }
        for (String change : changes) {
            execute(connection, change);
        }
        for (String table : TABLES) {
            for (String suffix : List.of("_append_only", "_no_truncate")) {
                execute(connection, "ALTER TABLE " + table + " ENABLE ALWAYS TRIGGER " + table + suffix);
            }
        }
    }

    /**
     * Asserts that the database refuses every statement on every table, as the superuser the tests connect as, also with
     * {@code session_replication_role = replica}; a statement is a format of the table ({@code %1$s}) and one of its
     * columns ({@code %2$s}).
     */
    void assertRefused(Map<String, String> columnOfTable, List<String> statements) {
        columnOfTable.forEach((table, column) -> {
            for (String statement : statements) {
                String sql = statement.formatted(table, column);
                for (String role : List.of("origin", "replica")) {
                    assertThatThrownBy(() -> inTransaction(connection -> {
                        execute(connection, "SET LOCAL session_replication_role = " + role);
                        execute(connection, sql);
                    })).as(sql + " as " + role).hasMessageContaining("append-only");
                }
            }
        });
    }

    /** Waits for the writer's interval checkpoint to seal the last entry; answers its seq. */
    long awaitSealed() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            Long sealed = jdbc.queryForObject("SELECT CASE WHEN checkpoint_seq = seq THEN seq END FROM provision_log_head", Long.class);
            if (sealed != null && sealed > 0) {
                return sealed;
            }
            sleep();
        }
        throw new AssertionError("no checkpoint sealed the log's last entry");
    }

    long headSeq() {
        return jdbc.queryForObject("SELECT seq FROM provision_log_head", Long.class);
    }

    long headCheckpointSeq() {
        return jdbc.queryForObject("SELECT checkpoint_seq FROM provision_log_head", Long.class);
    }

    @FunctionalInterface
    interface Work {
        void run(Connection connection) throws SQLException;
    }

    void inTransaction(Work work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
