package org.residentregistry.api.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.RegistryIntegrationTest;
import org.residentregistry.projections.provision.CheckpointKey;
import org.residentregistry.projections.provision.ProvisionLogVerification;
import org.residentregistry.projections.provision.ProvisionLogVerifier;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * V7 to V7_2 on a provision log V4's form wrote, in a schema of its own: the entries are renumbered without gaps,
 * get their resident rows, are chained, and verify.
 */
class ProvisionLogMigrationTest extends RegistryIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void entriesWrittenBeforeTheChainAreChainedAndVerify() throws SQLException {
        String schema = "migration_" + UUID.randomUUID().toString().substring(0, 8);
        Flyway.configure().dataSource(dataSource).schemas(schema).target("6").load().migrate();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // SET LOCAL: the pooled connection goes back to the others with its own search path.
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL search_path = " + schema);
            for (String codes : new String[] {"{12345678903,12345678911}", "{}", "{12345678903}"}) {
                statement.execute("INSERT INTO provision_log (id, at, operator_id, query_kind, criteria, outcome,"
                        + " resident_codes, individual_number_included) VALUES (gen_random_uuid(), now(), 'op-1',"
                        + " 'FOUR_FIELDS', '{\"name\": {\"kana\": \"ヤマダ\"}}', 'PROVIDED', '" + codes + "', false)");
            }
            statement.execute("SELECT setval('provision_log_seq_seq', 10)"); // a gap, as a rolled-back insert leaves
            statement.execute("INSERT INTO provision_log (id, at, operator_id, query_kind, criteria, outcome,"
                    + " refusal_reason, resident_codes, individual_number_included) VALUES (gen_random_uuid(), now(),"
                    + " 'op-2', 'RESIDENT_CODE', '{}', 'REFUSED', 'AFFAIR_NOT_AUTHORISED', '{}', false)");
            connection.commit();
        }
        Flyway.configure().dataSource(dataSource).schemas(schema).javaMigrations(new ChainExistingEntries()).load().migrate();

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL search_path = " + schema);
            ProvisionLogVerification verification = new ProvisionLogVerifier(CheckpointKey.of(new byte[32]))
                    .verify(connection, seq -> { });
            assertThat(verification.valid()).as(verification.toString()).isTrue();
            assertThat(verification.entriesChecked()).isEqualTo(4);
            try (var rows = statement.executeQuery("SELECT string_agg(seq || ':' || resident_code, ',' ORDER BY seq, position)"
                    + " FROM provision_log_resident")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("1:12345678903,1:12345678911,3:12345678903");
            }
            connection.rollback();
            statement.execute("DROP SCHEMA " + schema + " CASCADE");
            connection.commit();
            connection.setAutoCommit(true);
        }
    }
}
