package org.residentregistry.benchmarks.suite.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.residentregistry.benchmarks.suite.environment.Database;
import org.residentregistry.projections.search.FourFieldSearch;

/**
 * What PostgreSQL does for each combination's statement: {@code EXPLAIN (ANALYZE, BUFFERS)} of a few drawn searches,
 * of which the slowest is kept — how long it ran, the indexes and scans of its plan, the pages it touched. Only node
 * types, index names and counts are read from the plans: their conditions quote the values searched for.
 */
final class SearchPlans {

    /** Searches explained per combination. */
    private static final int EXPLAINED = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The slowest of a combination's explained searches.
     *
     * @param scans       the plan's scans: {@code Index Scan identity_search_kana}, {@code Seq Scan identity_search_g1}
     * @param sharedHit   pages found in PostgreSQL's buffers
     * @param sharedRead  pages read from the operating system (its cache or the disk)
     */
    record Plan(double executionMillis, double planningMillis, List<String> scans, long sharedHit, long sharedRead) {
    }

    private SearchPlans() {
    }

    static Map<SearchCombination, Plan> explain(SearchSample sample, Database database) throws SQLException {
        Map<SearchCombination, Plan> plans = new EnumMap<>(SearchCombination.class);
        try (Connection connection = database.connect()) {
            for (SearchCombination combination : sample.combinations()) {
                Plan slowest = null;
                for (SearchCriteria search : sample.first(combination, EXPLAINED)) {
                    Plan plan = explain(connection, SearchBenchmark.STATEMENTS.statement(search.criteria(),
                            SearchBenchmark.LIMIT));
                    if (slowest == null || plan.executionMillis() > slowest.executionMillis()) {
                        slowest = plan;
                    }
                }
                plans.put(combination, slowest);
            }
        }
        return plans;
    }

    private static Plan explain(Connection connection, FourFieldSearch.Statement statement) throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) "
                + statement.sql())) {
            for (int i = 0; i < statement.parameters().size(); i++) {
                explain.setObject(i + 1, statement.parameters().get(i));
            }
            try (ResultSet row = explain.executeQuery()) {
                row.next();
                JsonNode result = JSON.readTree(row.getString(1)).get(0);
                JsonNode top = result.get("Plan");
                TreeSet<String> scans = new TreeSet<>();
                collectScans(top, scans);
                return new Plan(result.get("Execution Time").asDouble(), result.get("Planning Time").asDouble(),
                        new ArrayList<>(scans), top.path("Shared Hit Blocks").asLong(),
                        top.path("Shared Read Blocks").asLong());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("PostgreSQL's plan is not the JSON expected", e);
            }
        }
    }

    private static void collectScans(JsonNode node, TreeSet<String> scans) {
        String type = node.path("Node Type").asText();
        if (type.contains("Scan")) {
            scans.add(type + " " + (node.has("Index Name") ? node.get("Index Name").asText()
                    : node.path("Relation Name").asText()));
        }
        for (JsonNode child : node.path("Plans")) {
            collectScans(child, scans);
        }
    }
}
