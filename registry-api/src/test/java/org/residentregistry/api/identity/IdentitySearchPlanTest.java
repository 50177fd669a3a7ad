package org.residentregistry.api.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.RegistryIntegrationTest;
import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.codes.Sex;
import org.residentregistry.core.prefecture.Prefecture;
import org.residentregistry.core.search.AddressCriterion;
import org.residentregistry.core.search.BirthDateRange;
import org.residentregistry.core.search.FourFieldCriteria;
import org.residentregistry.core.search.NameCriterion;
import org.residentregistry.projections.search.IdentitySearchQueries;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every allowed combination of fields is served by an index of the search read model, never by reading it whole.
 * Checked on the statements the search runs, with PostgreSQL's statistics of 20,000 rows.
 */
class IdentitySearchPlanTest extends RegistryIntegrationTest {

    /** Resident codes of the rows this test adds: no record has them, so no search ever returns them. */
    private static final String ROWS = "P%";
    /** Characters the search keys leave as they are, to write keys that the criteria below reproduce. */
    private static final String KANA = "アイエオカキクケコサシスセソタチ";
    private static final String KANJI = "山田川本中村小林大野石井上木下森";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdentitySearchQueries queries;

    @BeforeEach
    void twentyThousandRows() {
        jdbc.update("INSERT INTO identity_search (resident_code, version, name_kind, current, removed, kana_key,"
                + " kanji_key, kana_written, kanji_written, birth_date, sex, address_key, municipality_code)"
                + " SELECT 'P' || lpad(g::text, 10, '0'), 1, 'NAME', g % 20 <> 0, g % 50 = 0, k.kana, k.kanji, k.kana,"
                + " k.kanji, DATE '1930-01-01' + (g * 7919) % 30000, (1 + g % 2)::text,"
                + " k.place || '市' || (g % 40) || '-' || (g % 25) || '-', (?::text[])[1 + g % 63]"
                + " FROM generate_series(1, 20000) g, LATERAL (SELECT"
                + " translate(substr(md5(g::text), 1, 8), '0123456789abcdef', ?) AS kana,"
                + " translate(substr(md5(g::text), 9, 4), '0123456789abcdef', ?) AS kanji,"
                + " translate(substr(md5(g::text), 13, 2), '0123456789abcdef', ?) AS place) k",
                "{" + String.join(",", Prefecture.saitama().municipalities().stream().map(m -> m.code().value()).toList()) + "}",
                KANA, KANJI, KANJI);
        // The statistics are the table's: identity_search is the view over its active generation.
        jdbc.execute("ANALYZE " + activeTable());
    }

    private String activeTable() {
        return "identity_search_g" + jdbc.queryForObject(
                "SELECT generation FROM read_model WHERE name = 'identity-search'", Integer.class);
    }

    @AfterEach
    void removeThem() {
        jdbc.update("DELETE FROM identity_search WHERE resident_code LIKE ?", ROWS);
    }

    @Test
    void everyAllowedCombinationIsServedByAnIndex() {
        Map<String, Object> row = jdbc.queryForMap("SELECT kana_key, kanji_key, birth_date, address_key, municipality_code"
                + " FROM identity_search WHERE resident_code = 'P0000000021'");
        String kana = (String) row.get("kana_key");
        String kanji = (String) row.get("kanji_key");
        LocalDate born = ((java.sql.Date) row.get("birth_date")).toLocalDate();
        String place = ((String) row.get("address_key")).substring(0, 3);
        MunicipalityCode municipality = MunicipalityCode.of((String) row.get("municipality_code"));
        NameCriterion byKana = new NameCriterion(kana, null, false);
        NameCriterion byKanji = new NameCriterion(null, kanji, false);
        NameCriterion both = new NameCriterion(kana, kanji, false);
        NameCriterion kanaPrefix = new NameCriterion(kana.substring(0, 3), null, true);
        NameCriterion kanjiPrefix = new NameCriterion(null, kanji.substring(0, 2), true);
        BirthDateRange day = BirthDateRange.parse(born.toString());
        BirthDateRange month = BirthDateRange.parse(born.toString().substring(0, 7));
        BirthDateRange year = BirthDateRange.parse(born.toString().substring(0, 4));
        AddressCriterion text = new AddressCriterion(place, null);
        AddressCriterion code = new AddressCriterion(null, municipality);

        Map<String, FourFieldCriteria> combinations = new LinkedHashMap<>();
        combinations.put("kana + day", new FourFieldCriteria(byKana, day, null, null, false));
        combinations.put("kanji + year", new FourFieldCriteria(byKanji, year, null, null, false));
        combinations.put("kana prefix + month", new FourFieldCriteria(kanaPrefix, month, null, null, false));
        combinations.put("kana + sex", new FourFieldCriteria(byKana, null, Sex.MALE, null, false));
        combinations.put("kanji prefix + sex", new FourFieldCriteria(kanjiPrefix, null, Sex.FEMALE, null, false));
        combinations.put("kana and kanji + address", new FourFieldCriteria(both, null, null, text, false));
        combinations.put("kanji + municipality", new FourFieldCriteria(byKanji, null, null, code, true));
        combinations.put("day + sex", new FourFieldCriteria(null, day, Sex.MALE, null, false));
        combinations.put("month + sex", new FourFieldCriteria(null, month, Sex.FEMALE, null, true));
        combinations.put("year + sex", new FourFieldCriteria(null, year, Sex.MALE, null, false));
        combinations.put("day + address", new FourFieldCriteria(null, day, null, text, false));
        combinations.put("year + address", new FourFieldCriteria(null, year, null, text, false));
        combinations.put("year + municipality", new FourFieldCriteria(null, year, null, code, false));
        combinations.put("kana + day + sex", new FourFieldCriteria(byKana, day, Sex.MALE, null, false));
        combinations.put("kanji + day + address", new FourFieldCriteria(byKanji, day, null, text, false));
        combinations.put("kana prefix + sex + municipality", new FourFieldCriteria(kanaPrefix, null, Sex.MALE, code, false));
        combinations.put("month + sex + address", new FourFieldCriteria(null, month, Sex.MALE, text, false));
        combinations.put("all four", new FourFieldCriteria(both, day, Sex.MALE, new AddressCriterion(place, municipality), true));

        combinations.forEach((name, criteria) -> {
            IdentitySearchQueries.Statement statement = queries.statement(criteria, 100);
            String plan = String.join("\n", jdbc.queryForList("EXPLAIN " + statement.sql(), String.class,
                    statement.parameters().toArray()));
            assertThat(plan).as(name + "\n" + plan).doesNotContain("Seq Scan on identity_search")
                    .containsPattern("(Index (Only )?Scan using|Bitmap Index Scan on) identity_search_");
        });
    }

    /**
     * A name with a whole town (a prefix of the address) is found through the name's rows, not through every row of
     * the town: the planner estimates an address prefix from the column's histogram, and one that falls inside a
     * bucket was estimated at a row (at 10M rows, a town of 14,000 rows: 680 ms through the address index, 3 ms
     * through the name's). Reproduced at 50,000 rows, where a default bucket holds 500: 500 names of 100 rows each,
     * 150 towns of about 330 (without the other tests' rows, whose unique names would make every name look rare).
     */
    @Test
    void aNameWithATownIsSearchedThroughTheNameNotEveryRowOfTheTown() {
        assertThat(planOfANameWithATown()).containsPattern("(Index Scan using|Bitmap Index Scan on) identity_search_\\w*kana");
    }

    /**
     * Whatever the town's estimate, a name with a town goes through the name: at 10M even a 1,000-bucket histogram holds
     * ~10,000 rows a bucket, so some towns are still estimated at a row (232 ms through the address index, every row of
     * the town); here the same misestimate with 10 buckets. An exact name is a few rows, so the search checks the
     * address only on them.
     */
    @Test
    void aNameWithATownIsSearchedThroughTheNameWhateverTheTownsEstimate() {
        String table = activeTable();
        int target = jdbc.queryForObject("SELECT attstattarget FROM pg_attribute WHERE attrelid = ?::regclass"
                + " AND attname = 'address_key'", Integer.class, table);
        jdbc.execute("ALTER TABLE " + table + " ALTER COLUMN address_key SET STATISTICS 10");
        try {
            assertThat(planOfANameWithATown())
                    .containsPattern("(Index Scan using|Bitmap Index Scan on) identity_search_\\w*kana")
                    .doesNotContainPattern("identity_search_\\w*address");
        } finally {
            jdbc.execute("ALTER TABLE " + table + " ALTER COLUMN address_key SET STATISTICS " + target);
        }
    }

    /** The plan of a search by the kana key of one of 500 names, 100 rows each, with one of 150 towns, ~330 rows each. */
    private String planOfANameWithATown() {
        removeThem();
        jdbc.update("INSERT INTO identity_search (resident_code, version, name_kind, current, removed, kana_key,"
                + " kanji_key, kana_written, kanji_written, birth_date, sex, address_key, municipality_code)"
                + " SELECT 'Q' || lpad(g::text, 10, '0'), 1, 'NAME', true, false, k.kana, k.kana, k.kana, k.kana,"
                + " DATE '1930-01-01' + (g * 7919) % 30000, (1 + g % 2)::text, k.town || '市' || (g % 40) || '-' || (g % 25) || '-',"
                + " '112224' FROM generate_series(1, 50000) g, LATERAL (SELECT"
                + " translate(substr(md5((g % 500)::text), 1, 8), '0123456789abcdef', ?) AS kana,"
                + " translate(substr(md5((g % 150)::text), 1, 3), '0123456789abcdef', ?) AS town) k", KANA, KANJI);
        try {
            jdbc.execute("ANALYZE " + activeTable());
            Map<String, Object> row = jdbc.queryForMap("SELECT kana_key, address_key FROM identity_search"
                    + " WHERE resident_code = 'Q0000000021'");
            String town = ((String) row.get("address_key")).substring(0, 4);
            IdentitySearchQueries.Statement statement = queries.statement(new FourFieldCriteria(
                    new NameCriterion((String) row.get("kana_key"), null, false), null, null,
                    new AddressCriterion(town, null), false), 100);
            return String.join("\n", jdbc.queryForList("EXPLAIN " + statement.sql(), String.class,
                    statement.parameters().toArray()));
        } finally {
            jdbc.update("DELETE FROM identity_search WHERE resident_code LIKE 'Q%'");
        }
    }

    /**
     * A year and a sex match thousands of residents at a prefecture's scale, every one counted for {@code total}: they
     * are counted from the birth-date index alone, never read from the table (once vacuumed, as autovacuum does).
     */
    @Test
    void aSearchByBirthDateAndSexAloneReadsOnlyTheIndex() {
        jdbc.execute("VACUUM (ANALYZE) " + activeTable());
        LocalDate born = jdbc.queryForObject("SELECT birth_date FROM identity_search WHERE resident_code = 'P0000000021'",
                LocalDate.class);
        for (String range : List.of(born.toString().substring(0, 4), born.toString().substring(0, 7))) {
            for (boolean includeRemoved : new boolean[] {false, true}) {
                IdentitySearchQueries.Statement statement = queries.statement(new FourFieldCriteria(null,
                        BirthDateRange.parse(range), Sex.MALE, null, includeRemoved), 100);
                String plan = String.join("\n", jdbc.queryForList("EXPLAIN " + statement.sql(), String.class,
                        statement.parameters().toArray()));
                assertThat(plan).as(range + "\n" + plan).contains("Index Only Scan using identity_search_birth_date")
                        .doesNotContain("Bitmap Heap Scan on identity_search");
            }
        }
    }
}
