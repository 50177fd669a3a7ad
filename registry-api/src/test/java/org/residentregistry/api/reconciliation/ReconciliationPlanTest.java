package org.residentregistry.api.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.residentregistry.api.RegistryIntegrationTest;
import org.residentregistry.core.prefecture.Prefecture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A reconciliation reads one municipality's current records by index, not every current record of the
 * prefecture: checked on the records statement each file's comparison runs, with PostgreSQL's statistics of 20,000
 * records over the 63 municipalities.
 */
class ReconciliationPlanTest extends RegistryIntegrationTest {

    /** Resident codes of the rows this test adds: no notification or extract has them. */
    private static final String ROWS = "P%";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    List<ReconciliationSource> sources;

    @BeforeEach
    void twentyThousandRecords() {
        String municipalities = "{" + String.join(",", Prefecture.saitama().municipalities().stream()
                .map(m -> m.code().value()).toList()) + "}";
        jdbc.update("INSERT INTO identity_current (resident_code, version, status, municipality_code, update_sequence,"
                + " change_reason, change_date, notified_at, received_at, operator_id, terminal_id, name_kanji, name_kana,"
                + " name_gaiji_count, name_gaiji_change_seq, birth_date, sex, address_text, address_oaza_code,"
                + " address_gaiji_count, address_gaiji_change_seq, gaiji_flag)"
                + " SELECT 'P' || lpad(g::text, 10, '0'), 1, CASE WHEN g % 20 = 0 THEN 'REMOVED' ELSE 'CURRENT' END,"
                + " (?::text[])[1 + g % 63], g, 'MOVE_IN', DATE '2026-04-01', now(), now(), 'op', 't', '山田 太郎',"
                + " 'ヤマダ タロウ', 0, 0, DATE '1980-01-01' + g % 9000, '1', '埼玉県', '0010', 0, 0, false"
                + " FROM generate_series(1, 20000) g", municipalities);
        jdbc.update("INSERT INTO overseas_current (resident_code, version, status, managing_municipality_code,"
                + " update_sequence, change_kind, change_date, notified_at, received_at, operator_id, terminal_id,"
                + " name_kanji, name_kana, name_gaiji_count, birth_date, sex, address_text, address_gaiji_count, gaiji_flag)"
                + " SELECT resident_code, 1, status, municipality_code, update_sequence, 'RECORD', change_date, notified_at,"
                + " received_at, operator_id, terminal_id, name_kanji, name_kana, 0, birth_date, sex, 'アメリカ合衆国', 0,"
                + " false FROM identity_current WHERE resident_code LIKE ?", ROWS);
        // The statistics are the tables': each file's current records are a view over its active generation.
        jdbc.execute("ANALYZE identity_current_g" + generation("identity-file"));
        jdbc.execute("ANALYZE overseas_current_g" + generation("overseas-file"));
    }

    @AfterEach
    void removeThem() {
        jdbc.update("DELETE FROM identity_current WHERE resident_code LIKE ?", ROWS);
        jdbc.update("DELETE FROM overseas_current WHERE resident_code LIKE ?", ROWS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity", "overseas"})
    void oneMunicipalitysRecordsAreReadByIndex(String file) {
        ReconciliationSource source = sources.stream().filter(s -> s.file().name().equals(file)).findFirst()
                .orElseThrow();
        String plan = String.join("\n", jdbc.queryForList("EXPLAIN SELECT * FROM (" + source.currentRecords()
                + ") c WHERE municipality_code = ?", String.class, "112089"));
        assertThat(plan).as(plan).doesNotContain("Seq Scan")
                .containsPattern("(Index (Only )?Scan using|Bitmap Index Scan on) "
                        + file + "_current_g\\d+_");
    }

    private int generation(String readModel) {
        return jdbc.queryForObject("SELECT generation FROM read_model WHERE name = ?", Integer.class, readModel);
    }
}
