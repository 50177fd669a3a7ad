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
            String plan = planOf(criteria);
            assertThat(plan).as(name + "\n" + plan).doesNotContain("Seq Scan on identity_search")
                    .containsPattern("(Index (Only )?Scan using|Bitmap Index Scan on) identity_search_");
        });
    }

    private String planOf(FourFieldCriteria criteria) {
        IdentitySearchQueries.Statement statement = queries.statement(criteria, 100);
        return String.join("\n", jdbc.queryForList("EXPLAIN " + statement.sql(), String.class,
                statement.parameters().toArray()));
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
        withTenBuckets("address_key", () -> assertThat(planOfANameWithATown())
                .containsPattern("(Index Scan using|Bitmap Index Scan on) identity_search_\\w*kana")
                .doesNotContainPattern("identity_search_\\w*address"));
    }

    /** Runs {@code check} with the statistics of the active table's {@code column} in 10 buckets, then as they were. */
    private void withTenBuckets(String column, Runnable check) {
        String table = activeTable();
        // Null: the default target, which -1 restores.
        int target = jdbc.queryForObject("SELECT coalesce(attstattarget, -1) FROM pg_attribute"
                + " WHERE attrelid = ?::regclass AND attname = ?", Integer.class, table, column);
        jdbc.execute("ALTER TABLE " + table + " ALTER COLUMN " + column + " SET STATISTICS 10");
        try {
            check.run();
        } finally {
            jdbc.execute("ALTER TABLE " + table + " ALTER COLUMN " + column + " SET STATISTICS " + target);
        }
    }

    /**
     * A kana prefix with a birth date goes through the birth-date index, whatever the prefix's estimate: a prefix is
     * estimated from a histogram bucket and may be a common surname taken for a row, which through the kana index is
     * read whole (at 10M, a surname prefix and a day took 5 ms and 259 buffers that way, 1.5 ms through the day). Here
     * 10 buckets for 20,000 rows; the birth-date index holds the kana key and the kana as written, so the prefix is
     * checked there, on the index alone.
     */
    @Test
    void aKanaPrefixWithABirthDateIsSearchedThroughTheBirthDate() {
        withTenBuckets("kana_key", () -> {
            jdbc.execute("VACUUM (ANALYZE) " + activeTable());
            Map<String, Object> row = jdbc.queryForMap("SELECT kana_key, birth_date FROM identity_search"
                    + " WHERE resident_code = 'P0000000021'");
            String born = row.get("birth_date").toString();
            NameCriterion prefix = new NameCriterion(((String) row.get("kana_key")).substring(0, 3), null, true);
            for (String range : List.of(born, born.substring(0, 7), born.substring(0, 4))) {
                String plan = planOf(new FourFieldCriteria(prefix, BirthDateRange.parse(range), null, null, false));
                assertThat(plan).as(range + "\n" + plan).contains("Index Only Scan using identity_search_birth_date")
                        .doesNotContainPattern("identity_search_\\w*kana");
            }
        });
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
     * are counted from an index alone, never read from the table (once vacuumed, as autovacuum does). Without removed
     * records, from one row a resident, not grouped first, in the partial index of the current names by sex and birth
     * date (V32), which holds just the residents counted; with them, from the birth-date index.
     */
    @Test
    void aSearchByBirthDateAndSexAloneReadsOnlyTheIndex() {
        jdbc.execute("VACUUM (ANALYZE) " + activeTable());
        LocalDate born = jdbc.queryForObject("SELECT birth_date FROM identity_search WHERE resident_code = 'P0000000021'",
                LocalDate.class);
        for (String range : List.of(born.toString().substring(0, 4), born.toString().substring(0, 7))) {
            for (boolean includeRemoved : new boolean[] {false, true}) {
                String plan = planOf(new FourFieldCriteria(null, BirthDateRange.parse(range), Sex.MALE, null,
                        includeRemoved));
                assertThat(plan).as(range + "\n" + plan).doesNotContain("Bitmap Heap Scan on identity_search");
                if (includeRemoved) {
                    assertThat(plan).as(range + "\n" + plan).contains("Index Only Scan using identity_search_birth_date");
                } else {
                    assertThat(plan).as(range + "\n" + plan)
                            .containsPattern("Index Only Scan using identity_search_g\\d+_sex_birth_date")
                            .doesNotContain("HashAggregate", "GroupAggregate");
                }
            }
        }
    }

    /**
     * A name or a place leads a search whose other fields are checked on every row it finds: a common name and a sex,
     * a name and a town, a month, a sex and a municipality match hundreds to thousands of rows at a prefecture's
     * scale. They are checked in the leading index itself, never read from the table (once vacuumed).
     */
    @Test
    void aSearchLedByANameOrAPlaceReadsOnlyTheIndex() {
        jdbc.execute("VACUUM (ANALYZE) " + activeTable());
        Map<String, Object> row = jdbc.queryForMap("SELECT kana_key, kanji_key, birth_date, address_key, municipality_code"
                + " FROM identity_search WHERE resident_code = 'P0000000021'");
        NameCriterion byKana = new NameCriterion((String) row.get("kana_key"), null, false);
        NameCriterion byKanji = new NameCriterion(null, (String) row.get("kanji_key"), false);
        String born = row.get("birth_date").toString();
        AddressCriterion town = new AddressCriterion(((String) row.get("address_key")).substring(0, 3), null);
        AddressCriterion municipality = new AddressCriterion(null, MunicipalityCode.of((String) row.get("municipality_code")));
        Map<String, FourFieldCriteria> combinations = new LinkedHashMap<>();
        combinations.put("kana + sex", new FourFieldCriteria(byKana, null, Sex.MALE, null, false));
        combinations.put("kana + address", new FourFieldCriteria(byKana, null, null, town, false));
        combinations.put("kanji + municipality", new FourFieldCriteria(byKanji, null, null, municipality, false));
        combinations.put("kanji + sex, removed too", new FourFieldCriteria(byKanji, null, Sex.FEMALE, null, true));
        combinations.put("month + sex + municipality", new FourFieldCriteria(null,
                BirthDateRange.parse(born.substring(0, 7)), Sex.MALE, municipality, false));
        combinations.put("year + address", new FourFieldCriteria(null, BirthDateRange.parse(born.substring(0, 4)), null,
                town, false));
        combinations.forEach((name, criteria) -> {
            String plan = planOf(criteria);
            assertThat(plan).as(name + "\n" + plan).contains("Index Only Scan using identity_search_")
                    .doesNotContain("Bitmap Heap Scan on identity_search").doesNotContain("Index Scan using identity_search");
        });
    }
}
