package org.residentregistry.api.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.residentregistry.api.support.Notifications.KAWAGUCHI;
import static org.residentregistry.api.support.Notifications.moveIn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.readmodel.ReadModelPrewarm.Prewarm;
import org.residentregistry.api.readmodel.ReadModelPrewarm.Relation;
import org.residentregistry.api.security.Role;
import org.residentregistry.api.support.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The active read models read into memory at start: indexes, then tables, in the order queries need them. */
class ReadModelPrewarmTest extends ApiIntegrationTest {

    private static final long BLOCK = 8192;

    @Autowired
    ReadModelPrewarm prewarm;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void someResidents() {
        List<Map<String, Object>> residents = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            residents.add(moveIn(KAWAGUCHI));
        }
        Notifications.send(http, administration.municipalServer(KAWAGUCHI), residents).expect(200);
    }

    @Test
    void readsEveryIndexThenEveryTableOfTheActiveGenerationsWhole() {
        Prewarm all = prewarm.run(Long.MAX_VALUE / 2);

        assertThat(all.available()).isTrue();
        assertThat(all.leftOut()).isEmpty();
        List<String> names = all.read().stream().map(Relation::name).toList();
        List<String> indexes = names.stream().filter(this::isIndex).toList();
        assertThat(names.subList(0, indexes.size())).as("every index before any table").isEqualTo(indexes);
        assertThat(names.subList(indexes.size(), names.size())).as("the records and search keys before the history")
                .containsExactlyElementsOf(Stream.of(activeTable("identity-file", "identity_current"),
                        activeTable("identity-search", "identity_search"),
                        activeTable("overseas-file", "overseas_current"), activeTable("overseas-file", "overseas_search"),
                        activeTable("identity-file", "identity_version"), activeTable("overseas-file", "overseas_version"))
                        .filter(table -> blocks(table) > 0).toList())
                .contains(activeTable("identity-file", "identity_current"), activeTable("identity-search", "identity_search"));
        assertThat(indexes).containsAll(indexesOf(activeTable("identity-file", "identity_current")))
                .containsAll(indexesOf(activeTable("identity-search", "identity_search")));
        assertThat(all.read()).allSatisfy(relation -> assertThat(relation.blocksRead())
                .as(relation.name()).isEqualTo(relation.blocks()).isEqualTo(blocks(relation.name())));
        assertThat(all.bytesRead()).isEqualTo(all.read().stream().mapToLong(Relation::blocks).sum() * BLOCK)
                .isPositive();
    }

    @Test
    void stopsAtItsBudgetReadingTheLastRelationInPart() {
        List<Relation> whole = prewarm.run(Long.MAX_VALUE / 2).read();
        Relation first = whole.get(0);
        long budgetBlocks = first.blocks() + 1;

        Prewarm within = prewarm.run(budgetBlocks * BLOCK);

        assertThat(within.read()).hasSize(2);
        assertThat(within.read().get(0)).isEqualTo(first);
        assertThat(within.read().get(1).blocksRead()).isEqualTo(1).isLessThan(within.read().get(1).blocks());
        assertThat(within.bytesRead()).isEqualTo(budgetBlocks * BLOCK);
        assertThat(within.leftOut()).isNotEmpty().doesNotContainAnyElementsOf(within.read().stream().map(Relation::name).toList());
    }

    @Test
    void withoutABudgetSetReadsUpToPostgresqlsEffectiveCacheSize() {
        assertThat(prewarm.run(null).budgetBytes()).isEqualTo(
                jdbc.queryForObject("SELECT pg_size_bytes(current_setting('effective_cache_size'))", Long.class));
    }

    @Test
    void theStartsPrewarmIsCountedInTheMetrics() {
        String operations = administration.account(Role.OPERATIONS);
        Pattern gauge = Pattern.compile("^registry_read_model_prewarm_bytes (\\S+)$", Pattern.MULTILINE);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Matcher bytes = gauge.matcher(http.get("/actuator/prometheus", operations).expect(200).body());
            assertThat(bytes.find()).isTrue();
            assertThat(Double.parseDouble(bytes.group(1))).isPositive();
        });
    }

    private String activeTable(String model, String view) {
        return view + "_g" + jdbc.queryForObject("SELECT generation FROM read_model WHERE name = ?", Integer.class, model);
    }

    private List<String> indexesOf(String table) {
        return jdbc.queryForList("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = ?::regclass",
                String.class, table);
    }

    private boolean isIndex(String relation) {
        return jdbc.queryForObject("SELECT relkind = 'i' FROM pg_class WHERE oid = ?::regclass", Boolean.class, relation);
    }

    private long blocks(String relation) {
        return jdbc.queryForObject("SELECT pg_relation_size(?::regclass) / 8192", Long.class, relation);
    }
}
