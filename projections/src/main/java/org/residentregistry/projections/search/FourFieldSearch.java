package org.residentregistry.projections.search;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;

import org.residentregistry.core.search.AddressCriterion;
import org.residentregistry.core.search.AddressSearchKey;
import org.residentregistry.core.search.BirthDateRange;
import org.residentregistry.core.search.FourFieldCriteria;
import org.residentregistry.core.search.Match;
import org.residentregistry.core.search.NameCriterion;
import org.residentregistry.core.search.NameKeys;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The four-field search — ４情報検索 — over one file's search rows: the residents whose rows match every field asked,
 * each once with the closest way it matched, closest first, and their records as the file holds them now (read
 * from its current-record table with {@code recordColumns} and {@code records}). Every value reaches PostgreSQL as
 * a bound parameter; a prefix is matched with LIKE, its wildcards escaped.
 *
 * @param <R> a record as the file's queries hand it out
 */
public class FourFieldSearch<R> {

    /** The columns of {@link #joined}'s subquery, to be selected with it. */
    public static final String JOINED_COLUMNS = "found.*";
    /** The order of the search's answer in a statement that {@link #joined} it. */
    public static final String JOINED_ORDER = "found.match_rank, found.resident_code";

    private final JdbcTemplate jdbc;
    private final AddressSearchKey addressKey;
    private final String searchTable;
    private final String recordTable;
    private final String recordColumns;
    private final RowMapper<R> records;

    /** A search over {@code searchTable} (shaped as identity_search) answering rows of {@code recordTable}. */
    protected FourFieldSearch(JdbcTemplate jdbc, AddressSearchKey addressKey, String searchTable, String recordTable,
                              String recordColumns, RowMapper<R> records) {
        this.jdbc = jdbc;
        this.addressKey = addressKey;
        this.searchTable = searchTable;
        this.recordTable = recordTable;
        this.recordColumns = recordColumns;
        this.records = records;
    }

    /** A record found and how it matched. */
    public record Found<R>(R record, Match match) {
    }

    /** The records of the first {@code limit} residents found, closest first, and how many were found in all. */
    public record Result<R>(long total, List<Found<R>> found) {
    }

    /** The SQL a search runs and its parameters, in order. */
    public record Statement(String sql, List<Object> parameters) {

        /** Masked: the parameters are personal data. */
        @Override
        public String toString() {
            return "Statement[***]";
        }
    }

    public Result<R> search(FourFieldCriteria criteria, int limit) {
        Statement statement = statement(criteria, limit);
        return result(jdbc.query(statement.sql(), rows(), statement.parameters().toArray()));
    }

    /** A row of the search's answer: every row carries the number of residents found in all. */
    public record Row<R>(long total, Found<R> found) {
    }

    /** The rows of {@link #statement}'s answer, or of {@link #joined}'s, where a row without a match is null. */
    public RowMapper<Row<R>> rows() {
        return (rs, row) -> rs.getObject("match_rank") == null ? null : new Row<>(rs.getLong("total"),
                new Found<>(records.mapRow(rs, row), Match.values()[rs.getInt("match_rank")]));
    }

    /** What the rows of a search's answer, in their order, say. */
    public static <R> Result<R> result(List<Row<R>> rows) {
        return new Result<>(rows.isEmpty() ? 0 : rows.get(0).total(), rows.stream().map(Row::found).toList());
    }

    /**
     * {@link #statement} as a {@code LEFT JOIN} of a statement that reads something else too (the operator's affair,
     * say) and selects {@link #JOINED_COLUMNS} in {@link #JOINED_ORDER}: one round trip for both. A row that joined
     * nothing reads as null through {@link #rows()}.
     */
    public Statement joined(FourFieldCriteria criteria, int limit) {
        Statement statement = statement(criteria, limit);
        return new Statement("LEFT JOIN (" + statement.sql() + ") found ON true", statement.parameters());
    }

    /** The statement {@link #search} runs: public so that its plans can be checked. */
    public Statement statement(FourFieldCriteria criteria, int limit) {
        if (!criteria.strongEnough()) {
            throw new IllegalArgumentException("a four-field search needs criteria strong enough to find a person");
        }
        Conditions where = new Conditions();
        List<Object> rankParameters = new ArrayList<>();
        BirthDateRange birthDate = criteria.birthDate();
        String nameRank = criteria.name() == null ? "0"
                : nameRank(criteria.name(), birthDate != null, where, rankParameters);
        if (birthDate != null && birthDate.first().equals(birthDate.last())) {
            where.add("birth_date = ?", Date.valueOf(birthDate.first()));
        } else if (birthDate != null) {
            where.add("birth_date BETWEEN ? AND ?", Date.valueOf(birthDate.first()), Date.valueOf(birthDate.last()));
        }
        if (criteria.sex() != null) {
            where.add("sex = ?", criteria.sex().code());
        }
        AddressCriterion address = criteria.address();
        if (address != null && address.text() != null) {
            // An exact name is a few rows, a few hundred at most at 10M, where a town is thousands; but the planner
            // estimates an address prefix from a histogram bucket (~10,000 rows at 10M) and takes some towns for a
            // row. With an exact name the address is therefore only checked on the name's rows: `address_key || ''`
            // is no index's column. Without a name, or with a name's prefix, the address index serves as before.
            String addressColumn = criteria.name() != null && !criteria.name().prefix() ? "(address_key || '')"
                    : "address_key";
            where.add(addressColumn + " LIKE ? ESCAPE '\\'", likePrefix(addressKey.of(address.text())));
        }
        if (address != null && address.municipality() != null) {
            where.add("municipality_code = ?", address.municipality().value());
        }
        if (!criteria.includeRemoved()) {
            where.add("current AND NOT removed");
        }
        // Without a name, a resident's rows differ only in the name they key and in their versions: of the current
        // version without the former surname's row, each resident found has one row, so the matches are counted and
        // ordered as they are, not grouped first (year + sex: tens of thousands of residents), and ranked without
        // reading the row's state, which a partial index of those rows need not hold (V32).
        boolean rowPerResident = criteria.name() == null && !criteria.includeRemoved();
        if (rowPerResident) {
            where.add("name_kind = '" + IdentitySearchProjection.NAME + "'");
        }
        String matchRank = rowPerResident ? nameRank : "min(CASE WHEN NOT current THEN " + Match.EARLIER_VERSION.ordinal()
                + " WHEN name_kind = '" + IdentitySearchProjection.FORMER_SURNAME + "' THEN " + Match.FORMER_SURNAME.ordinal()
                + " ELSE " + nameRank + " END)";
        String grouping = rowPerResident ? "" : " GROUP BY resident_code";
        String sql = "WITH hits AS (SELECT resident_code, " + matchRank + " AS match_rank, count(*) OVER () AS total"
                + " FROM " + searchTable + " WHERE " + String.join(" AND ", where.sql)
                + grouping + " ORDER BY match_rank, resident_code LIMIT ?)"
                + " SELECT " + recordColumns + ", match_rank, total"
                + " FROM hits JOIN " + recordTable + " USING (resident_code) ORDER BY match_rank, resident_code";
        List<Object> parameters = new ArrayList<>(rankParameters);
        parameters.addAll(where.parameters);
        parameters.add(limit);
        return new Statement(sql, List.copyOf(parameters));
    }

    /**
     * Adds the name's conditions and answers how a row's name matched: EXACT as written, PREFIX as written, or only
     * through a key (VARIANT for kanji, SEION for kana), the furthest of kana and kanji.
     */
    private static String nameRank(NameCriterion name, boolean withBirthDate, Conditions where,
                                   List<Object> rankParameters) {
        NameKeys keys = name.keys();
        List<String> ranks = new ArrayList<>(2);
        if (keys.kana() != null) {
            // A kana prefix is estimated from a histogram bucket, as an address prefix is, and may be a surname of
            // 100,000 rows at 10M taken for a few. With a birth date, the birth-date index leads: it holds the kana
            // key and the kana as written, so the prefix is checked on the date's rows in the index alone, a cost
            // bounded by the dates asked.
            String column = name.prefix() && withBirthDate ? "(kana_key || '')" : "kana_key";
            where.addKey(column, keys.kana(), name.prefix());
            ranks.add(rank("kana_written", keys.writtenKana(), name.prefix(), Match.SEION, rankParameters));
        }
        if (keys.kanji() != null) {
            where.addKey("kanji_key", keys.kanji(), name.prefix());
            ranks.add(rank("kanji_written", keys.writtenKanji(), name.prefix(), Match.VARIANT, rankParameters));
        }
        return ranks.size() == 1 ? ranks.get(0) : "GREATEST(" + String.join(", ", ranks) + ")";
    }

    private static String rank(String writtenColumn, String written, boolean prefix, Match otherwise,
                               List<Object> parameters) {
        parameters.add(written);
        String rank = "CASE WHEN " + writtenColumn + " = ? THEN " + Match.EXACT.ordinal();
        if (prefix) {
            parameters.add(likePrefix(written));
            rank += " WHEN " + writtenColumn + " LIKE ? ESCAPE '\\' THEN " + Match.PREFIX.ordinal();
        }
        return rank + " ELSE " + otherwise.ordinal() + " END";
    }

    /** A LIKE pattern for what begins with {@code text}: its own {@code %}, {@code _} and {@code \} match themselves. */
    private static String likePrefix(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** The WHERE clause's conditions and their parameters, in order. */
    private static final class Conditions {
        final List<String> sql = new ArrayList<>();
        final List<Object> parameters = new ArrayList<>();

        void add(String condition, Object... values) {
            sql.add(condition);
            parameters.addAll(List.of(values));
        }

        void addKey(String column, String key, boolean prefix) {
            if (prefix) {
                add(column + " LIKE ? ESCAPE '\\'", likePrefix(key));
            } else {
                add(column + " = ?", key);
            }
        }
    }
}
