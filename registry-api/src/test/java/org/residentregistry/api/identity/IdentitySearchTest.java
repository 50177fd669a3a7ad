package org.residentregistry.api.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.residentregistry.api.problem.ProblemAssertions.fieldErrors;
import static org.residentregistry.api.support.Notifications.KAWAGOE;
import static org.residentregistry.api.support.Notifications.KAWAGUCHI;
import static org.residentregistry.api.support.Notifications.address;
import static org.residentregistry.api.support.Notifications.moveIn;
import static org.residentregistry.api.support.Notifications.name;
import static org.residentregistry.api.support.Notifications.next;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.HttpTestClient.Reply;
import org.residentregistry.api.admin.AdministrationFixture.Operator;
import org.residentregistry.api.support.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The four-field search (interface.md, {@code POST /identity/search}) through HTTP, on the real read model. */
class IdentitySearchTest extends ApiIntegrationTest {

    private static final String SEARCH = "/api/v1/identity/search";
    /** Kana and kanji that the search keys leave as they are: the digits of the given names below. */
    private static final String KANA_DIGITS = "アイカキクケサシスセタチテナニヌネマミムメヤユラリルレロ";
    private static final String KANJI_DIGITS = "春夏秋冬花月星空海光風雪雲虹桃梅菊葵蘭萌杏柚苺桐椿楓菫柊";
    private static final AtomicInteger UNIQUE = new AtomicInteger();

    @Autowired
    JdbcTemplate jdbc;

    private String kawaguchi;
    private Operator operator;

    @BeforeEach
    void accounts() {
        kawaguchi = administration.municipalServer(KAWAGUCHI);
        operator = administration.operator(true, "IDENTITY");
    }

    /** A given name no other test uses, as {kana, kanji}: tests share the database, and each finds only its own residents. */
    private static String[] givenName() {
        int n = UNIQUE.incrementAndGet();
        StringBuilder kana = new StringBuilder();
        StringBuilder kanji = new StringBuilder();
        for (int i = 0; i < 3; i++, n /= KANA_DIGITS.length()) {
            kana.append(KANA_DIGITS.charAt(n % KANA_DIGITS.length()));
            kanji.append(KANJI_DIGITS.charAt(n % KANA_DIGITS.length()));
        }
        return new String[] {kana.toString(), kanji.toString()};
    }

    /** A birth date no other test uses (other tests' residents are born in 1980), on the 10th of its month. */
    private static LocalDate birthDate() {
        return LocalDate.of(1900, 1, 10).plusMonths(UNIQUE.incrementAndGet());
    }

    /** A MOVE_IN to Kawaguchi of a resident with this name, born on {@code born}. */
    private static Map<String, Object> person(String kanji, String kana, LocalDate born) {
        Map<String, Object> n = moveIn(KAWAGUCHI);
        n.put("name", name(kanji, kana));
        n.put("birthDate", born.toString());
        return n;
    }

    private void applied(String token, List<Map<String, Object>> items) {
        JsonNode results = Notifications.send(http, token, items).expect(200).json().get("results");
        assertThat(results).allSatisfy(r -> assertThat(r.get("status").asText()).as(r.toString()).isEqualTo("APPLIED"));
    }

    /** Criteria from alternating names and values; the operator's affair is added. */
    private static Map<String, Object> criteria(Object... namesAndValues) {
        Map<String, Object> criteria = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            criteria.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return criteria;
    }

    private Reply post(Operator who, Map<String, Object> criteria) {
        Map<String, Object> body = new LinkedHashMap<>(criteria);
        body.putIfAbsent("affair", who.affair());
        return http.postJson(SEARCH, who.token(), body);
    }

    private JsonNode search(Map<String, Object> criteria) {
        return post(operator, criteria).expect(200).json();
    }

    /** The resident codes found, in order. */
    private static List<String> found(JsonNode response) {
        List<String> codes = new ArrayList<>();
        response.get("results").forEach(r -> codes.add(r.get("residentCode").asText()));
        return codes;
    }

    /** Resident code to how it matched. */
    private static Map<String, String> matches(JsonNode response) {
        Map<String, String> matches = new LinkedHashMap<>();
        response.get("results").forEach(r -> matches.put(r.get("residentCode").asText(), r.get("match").asText()));
        return matches;
    }

    /** A search with these criteria finds exactly these residents, in any order. */
    private void assertFinds(Map<String, Object> criteria, List<Map<String, Object>> residents) {
        assertThat(found(search(criteria))).as(criteria.toString())
                .containsExactlyInAnyOrderElementsOf(residents.stream().map(IdentitySearchTest::code).toList());
    }

    private static String code(Map<String, Object> resident) {
        return (String) resident.get("residentCode");
    }

    @Test
    void everyAllowedCombinationOfFieldsFindsThePersonAndNoOneWhoDiffersInAFieldAsked() {
        String[] given = givenName();
        String kana = "ヤマモト " + given[0];
        String kanji = "山本 " + given[1];
        LocalDate born = birthDate();
        Map<String, Object> t = person(kanji, kana, born);
        Map<String, Object> y = person(kanji, kana, born.plusDays(1));
        String[] other = givenName();
        Map<String, Object> z = person("山本 " + other[1], "ヤマモト " + other[0], born);
        Map<String, Object> x = person(kanji, kana, born);
        x.put("municipalityCode", KAWAGOE);
        x.put("sex", "2");
        x.put("address", address("埼玉県川越市元町二丁目３番４号"));
        applied(kawaguchi, List.of(t, y, z));
        applied(administration.municipalServer(KAWAGOE), List.of(x));
        Map<String, Object> byKana = Map.of("kana", kana);
        Map<String, Object> byKanji = Map.of("kanji", kanji);
        Map<String, Object> byBoth = Map.of("kana", kana, "kanji", kanji);
        String day = born.toString();

        record Case(Map<String, Object> criteria, List<Map<String, Object>> expected) {
        }
        List<Case> cases = List.of(
                new Case(criteria("name", byKana, "birthDate", day), List.of(t, x)),
                new Case(criteria("name", byKanji, "sex", "1"), List.of(t, y)),
                new Case(criteria("name", byBoth, "address", Map.of("text", "川口市本町1-1-1")), List.of(t, y)),
                new Case(criteria("name", byKana, "address", Map.of("municipalityCode", KAWAGUCHI)), List.of(t, y)),
                new Case(criteria("birthDate", day, "sex", "1"), List.of(t, z)),
                new Case(criteria("birthDate", day, "address", Map.of("text", "埼玉県川口市本町一丁目")), List.of(t, z)),
                new Case(criteria("birthDate", day, "address", Map.of("municipalityCode", KAWAGOE)), List.of(x)),
                new Case(criteria("name", byKana, "birthDate", day, "sex", "2"), List.of(x)),
                new Case(criteria("name", byKanji, "birthDate", day, "address", Map.of("text", "川口市")), List.of(t)),
                new Case(criteria("name", byKana, "sex", "1", "address", Map.of("municipalityCode", KAWAGUCHI)), List.of(t, y)),
                new Case(criteria("birthDate", day, "sex", "1", "address", Map.of("text", "川口市本町")), List.of(t, z)),
                new Case(criteria("name", byBoth, "birthDate", day, "sex", "1",
                        "address", Map.of("text", "川口市本町1-1-1", "municipalityCode", KAWAGUCHI)), List.of(t)),
                new Case(criteria("name", byKanji, "birthDate", day.substring(0, 7)), List.of(t, x, y)),
                new Case(criteria("name", byKana, "birthDate", day.substring(0, 4)), List.of(t, x, y)));
        for (Case c : cases) {
            JsonNode response = search(c.criteria());
            List<String> expected = c.expected().stream().map(IdentitySearchTest::code).toList();
            assertThat(found(response)).as(c.criteria().keySet().toString()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(response.get("total").asLong()).isEqualTo(expected.size());
            assertThat(response.get("truncated").asBoolean()).isFalse();
            assertThat(matches(response).values()).containsOnly("EXACT");
        }
    }

    @Test
    void kanaDifferencesTheStandardIgnoresStillMatchAndExactMatchesComeFirst() {
        String[] given = givenName();
        LocalDate born = birthDate();
        Map<String, Object> asAsked = person("山崎 京子" + given[1], "ヤマザキ キョウコ" + given[0], born);
        Map<String, Object> hiragana = person("山崎 京子" + given[1], "やまざき　きょうこ" + given[0], born);
        Map<String, Object> seion = person("山﨑 京子" + given[1], "ヤマサキ キヨウコ" + given[0], born);
        applied(kawaguchi, List.of(seion, asAsked, hiragana));

        JsonNode byKana = search(criteria("name", Map.of("kana", "ヤマザキ キョウコ" + given[0]), "birthDate", born.toString()));
        assertThat(found(byKana)).hasSize(3).endsWith(code(seion));
        assertThat(matches(byKana)).containsEntry(code(asAsked), "EXACT").containsEntry(code(hiragana), "EXACT")
                .containsEntry(code(seion), "SEION");
        JsonNode byKanji = search(criteria("name", Map.of("kanji", "山崎　京子" + given[1]), "birthDate", born.toString()));
        assertThat(matches(byKanji)).containsEntry(code(asAsked), "EXACT").containsEntry(code(seion), "VARIANT");
        assertThat(found(byKanji)).endsWith(code(seion));
        JsonNode byBoth = search(criteria("name", Map.of("kana", "ﾔﾏｻﾞｷ ｷｮｳｺ" + given[0], "kanji", "山崎 京子" + given[1]),
                "birthDate", born.toString()));
        // The further of the two: kana only through the seion key, kanji only through the variant table.
        assertThat(matches(byBoth)).containsEntry(code(hiragana), "EXACT").containsEntry(code(seion), "SEION");
    }

    @Test
    void kanjiVariantFormsMatchButSaitoIsNeverSaito() {
        String[] given = givenName();
        LocalDate born = birthDate();
        Map<String, String> codes = new LinkedHashMap<>();
        List<Map<String, Object>> people = new ArrayList<>();
        for (String surname : List.of("高橋", "髙橋", "渡辺", "渡邉", "渡邊", "斎藤", "齋藤", "斉藤", "齊藤")) {
            Map<String, Object> person = person(surname + " " + given[1], "サイトウ " + given[0], born);
            codes.put(surname, code(person));
            people.add(person);
        }
        applied(kawaguchi, people);
        JsonNode takahashi = search(criteria("name", Map.of("kanji", "高橋 " + given[1]), "birthDate", born.toString()));
        assertThat(matches(takahashi)).containsExactly(Map.entry(codes.get("高橋"), "EXACT"), Map.entry(codes.get("髙橋"), "VARIANT"));
        JsonNode watanabe = search(criteria("name", Map.of("kanji", "渡邉 " + given[1]), "birthDate", born.toString()));
        assertThat(found(watanabe)).containsExactlyInAnyOrder(codes.get("渡辺"), codes.get("渡邉"), codes.get("渡邊"));
        assertThat(found(watanabe).get(0)).isEqualTo(codes.get("渡邉"));
        JsonNode saito = search(criteria("name", Map.of("kanji", "斎藤"), "namePrefix", true, "birthDate", born.toString()));
        assertThat(found(saito)).containsExactlyInAnyOrder(codes.get("斎藤"), codes.get("齋藤"));
        JsonNode otherSaito = search(criteria("name", Map.of("kanji", "齊藤 " + given[1]), "birthDate", born.toString()));
        assertThat(found(otherSaito)).containsExactlyInAnyOrder(codes.get("斉藤"), codes.get("齊藤"));
    }

    @Test
    void aNamePrefixFindsEveryNameBeginningWithIt() {
        String[] given = givenName();
        LocalDate born = birthDate();
        Map<String, Object> yamada = person("山田 " + given[1], "ヤマダ " + given[0], born);
        Map<String, Object> yamamoto = person("山本 " + given[1], "ヤマモト " + given[0], born);
        Map<String, Object> kawada = person("川田 " + given[1], "カワダ " + given[0], born);
        applied(kawaguchi, List.of(yamada, yamamoto, kawada));
        String day = born.toString();
        assertFinds(criteria("name", Map.of("kana", "ヤマ"), "namePrefix", true, "birthDate", day), List.of(yamada, yamamoto));
        assertThat(matches(search(criteria("name", Map.of("kana", "ヤマダ"), "namePrefix", true, "birthDate", day))))
                .containsExactly(Map.entry(code(yamada), "PREFIX"));
        assertThat(matches(search(criteria("name", Map.of("kana", "ヤマダ " + given[0]), "namePrefix", true, "birthDate", day))))
                .containsExactly(Map.entry(code(yamada), "EXACT"));
        assertFinds(criteria("name", Map.of("kanji", "山"), "namePrefix", true, "birthDate", day), List.of(yamada, yamamoto));
        assertThat(search(criteria("name", Map.of("kana", "ヤマダ"), "birthDate", day)).get("total").asLong()).isZero();
    }

    @Test
    void criteriaTooWeakToFindAPersonAreRefusedAsTooBroadAndNotLogged() {
        Map<String, Object> name = Map.of("kana", "ヤマダ タロウ");
        Map<String, Object> address = Map.of("municipalityCode", KAWAGUCHI);
        List<Map<String, Object>> tooBroad = List.of(criteria(), criteria("name", name), criteria("birthDate", "1980"),
                criteria("sex", "1"), criteria("address", address), criteria("sex", "1", "address", address),
                criteria("namePrefix", true, "includeRemoved", true, "sex", "2"));
        for (Map<String, Object> c : tooBroad) {
            Reply reply = post(operator, c);
            assertThat(fieldErrors(reply)).as(c.toString()).containsExactly(Map.entry("", "TOO_BROAD"));
            assertThat(reply.header("X-Provision-Id")).isNull();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM provision_log WHERE operator_id = ?", Integer.class,
                operator.id())).isZero();
    }

    @Test
    void badCriteriaAreListedFieldByField() {
        Map<String, String> errors = fieldErrors(post(operator, criteria("name", Map.of("kana", "山田"),
                "birthDate", "1980-13", "sex", "3", "limit", 1001, "address", Map.of("municipalityCode", "131016"),
                "nickname", "x")));
        assertThat(errors).containsEntry("name.kana", "FORMAT").containsEntry("birthDate", "FORMAT")
                .containsEntry("sex", "FORMAT").containsEntry("limit", "INVALID_VALUE")
                .containsEntry("address.municipalityCode", "OUTSIDE_PREFECTURE").containsEntry("nickname", "UNKNOWN_FIELD");
        assertThat(fieldErrors(post(operator, criteria("name", Map.of(), "birthDate", "1980", "limit", 0))))
                .containsEntry("name", "REQUIRED").containsEntry("limit", "INVALID_VALUE");
        // A name or an address that leaves nothing to compare would match everyone.
        assertThat(fieldErrors(post(operator, criteria("name", Map.of("kana", "ー　ー"), "namePrefix", true,
                "birthDate", "1980", "address", Map.of("text", "埼玉県")))))
                .containsEntry("name.kana", "INVALID_VALUE").containsEntry("address.text", "INVALID_VALUE");
        Map<String, Object> noAffair = criteria("name", Map.of("kana", "ヤマダ"), "birthDate", "1980");
        assertThat(fieldErrors(http.postJson(SEARCH, operator.token(), noAffair))).containsEntry("affair", "REQUIRED");
        assertThat(http.postJson(SEARCH + "?affair=" + operator.affair(), operator.token(), noAffair).status()).isEqualTo(200);
    }

    @Test
    void theLimitBoundsTheResultsAndTheTotalSaysHowManyMatched() {
        String[] given = givenName();
        LocalDate born = birthDate();
        List<Map<String, Object>> people = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            people.add(person("佐藤 " + given[1], "サトウ " + given[0], born));
        }
        applied(kawaguchi, people);
        Map<String, Object> c = criteria("name", Map.of("kana", "サトウ " + given[0]), "birthDate", born.toString(), "limit", 2);
        Reply reply = post(operator, c).expect(200);
        JsonNode page = reply.json();
        assertThat(page.get("total").asLong()).isEqualTo(5);
        assertThat(page.get("truncated").asBoolean()).isTrue();
        assertThat(found(page)).hasSize(2);
        String logged = jdbc.queryForObject("SELECT array_to_string(resident_codes, ',') FROM provision_log WHERE id = ?",
                String.class, UUID.fromString(reply.header("X-Provision-Id")));
        assertThat(logged.split(",")).containsExactlyInAnyOrderElementsOf(found(page));
        c.put("limit", 5);
        assertThat(search(c).get("truncated").asBoolean()).isFalse();
        c.remove("limit");
        assertThat(found(search(c))).hasSize(5);
    }

    @Test
    void aRemovedPersonIsFoundOnlyWhenRemovedRecordsAreAskedFor() {
        String[] given = givenName();
        LocalDate born = birthDate();
        Map<String, Object> resident = person("中村 " + given[1], "ナカムラ " + given[0], born);
        applied(kawaguchi, List.of(resident));
        applied(kawaguchi, List.of(next(resident, KAWAGUCHI, "DEATH")));
        Map<String, Object> c = criteria("name", Map.of("kana", "ナカムラ " + given[0]), "birthDate", born.toString());
        assertThat(search(c).get("total").asLong()).isZero();
        c.put("includeRemoved", true);
        JsonNode response = search(c);
        assertThat(matches(response)).containsExactly(Map.entry(code(resident), "EXACT"));
        assertThat(response.get("results").get(0).get("status").asText()).isEqualTo("REMOVED");
    }

    /** 山田 (ヤマダ) with the given name, whose former surname is 田中 (タナカ). */
    private static Map<String, Object> formerlyTanaka(String[] given, LocalDate born) {
        Map<String, Object> resident = person("山田 " + given[1], "ヤマダ " + given[0], born);
        resident.put("formerSurname", name("田中", "タナカ"));
        return resident;
    }

    @Test
    void aFormerSurnameMatchesAsASurname() {
        String[] given = givenName();
        LocalDate born = birthDate();
        Map<String, Object> resident = formerlyTanaka(given, born);
        applied(kawaguchi, List.of(resident));
        String day = born.toString();
        assertThat(matches(search(criteria("name", Map.of("kana", "タナカ " + given[0]), "birthDate", day))))
                .containsExactly(Map.entry(code(resident), "FORMER_SURNAME"));
        JsonNode byKanji = search(criteria("name", Map.of("kanji", "田中 " + given[1]), "birthDate", day));
        assertThat(matches(byKanji)).containsExactly(Map.entry(code(resident), "FORMER_SURNAME"));
        assertThat(byKanji.get("results").get(0).get("formerSurname").get("kanji").asText()).isEqualTo("田中");
        assertThat(matches(search(criteria("name", Map.of("kana", "ヤマダ " + given[0]), "birthDate", day))))
                .containsExactly(Map.entry(code(resident), "EXACT"));
    }

    @Test
    void aResidentIsFoundOnceHoweverManyNamesAndVersionsTheFileKeepsOfIt() {
        String[] given = givenName();
        LocalDate born = birthDate();
        Map<String, Object> married = formerlyTanaka(given, born);
        Map<String, Object> renamed = person("佐藤 " + given[1], "サトウ " + given[0], born);
        Map<String, Object> dead = person("中村 " + given[1], "ナカムラ " + given[0], born);
        applied(kawaguchi, List.of(married, renamed, dead));
        Map<String, Object> rename = next(renamed, KAWAGUCHI, "NAME_CHANGE");
        rename.put("name", name("鈴木 " + given[1], "スズキ " + given[0]));
        applied(kawaguchi, List.of(rename, next(dead, KAWAGUCHI, "DEATH")));

        // No name asked: neither the former surname's row nor an earlier version makes a resident two.
        Map<String, Object> c = criteria("birthDate", born.toString(), "address", Map.of("municipalityCode", KAWAGUCHI));
        JsonNode current = search(c);
        assertThat(current.get("total").asLong()).isEqualTo(2);
        assertThat(found(current)).containsExactlyInAnyOrder(code(married), code(renamed));
        assertThat(matches(current)).containsOnly(Map.entry(code(married), "EXACT"), Map.entry(code(renamed), "EXACT"));
        c.put("includeRemoved", true);
        JsonNode all = search(c);
        assertThat(all.get("total").asLong()).isEqualTo(3);
        assertThat(found(all)).containsExactlyInAnyOrder(code(married), code(renamed), code(dead));
        assertThat(matches(all).get(code(renamed))).isEqualTo("EXACT");
    }

    @Test
    void earlierNamesAndAddressesMatchOnlyWhenRemovedRecordsAreAskedFor() {
        String[] given = givenName();
        LocalDate born = birthDate();
        Map<String, Object> resident = person("山田 " + given[1], "ヤマダ " + given[0], born);
        applied(kawaguchi, List.of(resident));
        Map<String, Object> renamed = next(resident, KAWAGUCHI, "NAME_CHANGE");
        renamed.put("name", name("佐藤 " + given[1], "サトウ " + given[0]));
        Map<String, Object> moved = next(renamed, KAWAGUCHI, "MOVE_WITHIN");
        moved.put("address", address("埼玉県川口市新井宿１番地"));
        applied(kawaguchi, List.of(renamed, moved));
        String day = born.toString();

        Map<String, Object> oldName = criteria("name", Map.of("kana", "ヤマダ " + given[0]), "birthDate", day);
        assertThat(search(oldName).get("total").asLong()).isZero();
        oldName.put("includeRemoved", true);
        JsonNode found = search(oldName);
        assertThat(matches(found)).containsExactly(Map.entry(code(resident), "EARLIER_VERSION"));
        assertThat(found.get("results").get(0).get("name").get("kanji").asText()).isEqualTo("佐藤 " + given[1]);

        Map<String, Object> oldAddress = criteria("name", Map.of("kana", "サトウ " + given[0]), "birthDate", day,
                "address", Map.of("text", "川口市本町1-1-1"));
        assertThat(search(oldAddress).get("total").asLong()).isZero();
        oldAddress.put("includeRemoved", true);
        assertThat(matches(search(oldAddress))).containsExactly(Map.entry(code(resident), "EARLIER_VERSION"));
        assertThat(matches(search(criteria("name", Map.of("kana", "サトウ " + given[0]), "birthDate", day,
                "address", Map.of("text", "川口市新井宿1"), "includeRemoved", true))))
                .containsExactly(Map.entry(code(resident), "EXACT"));
    }

    @Test
    void anAddressMatchesInAnyOfItsFormsAsAPrefix() {
        LocalDate born = birthDate();
        Map<String, Object> home = person("山田 太郎", "ヤマダ タロウ", born);
        Map<String, Object> tenth = person("山田 太郎", "ヤマダ タロウ", born);
        tenth.put("address", address("埼玉県川口市本町十丁目１番１号"));
        Map<String, Object> house10 = person("山田 太郎", "ヤマダ タロウ", born);
        house10.put("address", address("埼玉県川口市本町一丁目１番１０号"));
        applied(kawaguchi, List.of(home, tenth, house10));
        Map<String, List<Map<String, Object>>> expected = new LinkedHashMap<>();
        expected.put("川口市本町1-1-1", List.of(home));
        expected.put("埼玉県川口市本町1丁目1番1号", List.of(home));
        expected.put("埼玉県　川口市本町１－１－１", List.of(home));
        expected.put("川口市本町一丁目", List.of(home, house10));
        expected.put("川口市本町１", List.of(home, house10));
        expected.put("川口市本町10", List.of(tenth));
        expected.put("川口市", List.of(home, tenth, house10));
        expected.put("本町1-1-1", List.of());
        expected.forEach((text, people) -> assertFinds(criteria("birthDate", born.toString(), "address",
                Map.of("text", text)), people));
    }

    @Test
    void likeWildcardsInTheCriteriaMatchOnlyThemselves() {
        String[] given = givenName();
        LocalDate born = birthDate();
        Map<String, Object> plain = person("山田 " + given[1], "ヤマダ " + given[0], born);
        Map<String, Object> percent = person("%田 " + given[1], "ヤマダ " + given[0], born);
        Map<String, Object> underscore = person("山_ " + given[1], "ヤマダ " + given[0], born);
        applied(kawaguchi, List.of(plain, percent, underscore));
        String day = born.toString();
        Map<String, List<Map<String, Object>>> expected = new LinkedHashMap<>();
        expected.put("%", List.of(percent));
        expected.put("_", List.of());
        expected.put("山_", List.of(underscore));
        expected.put("\\", List.of());
        expected.forEach((kanji, people) -> assertFinds(criteria("name", Map.of("kanji", kanji), "namePrefix", true,
                "birthDate", day), people));
        for (String text : List.of("%", "_", "川口市%", "川口市本_")) {
            assertThat(search(criteria("birthDate", day, "address", Map.of("text", text))).get("total").asLong())
                    .as(text).isZero();
        }
    }

    @Test
    void everySearchIsLoggedWithItsCriteriaAndWhatWasHandedOutAndARefusalToo() {
        String[] given = givenName();
        LocalDate born = birthDate();
        Map<String, Object> resident = person("石井 " + given[1], "イシイ " + given[0], born);
        applied(kawaguchi, List.of(resident));
        Map<String, Object> c = criteria("name", Map.of("kana", "イシイ " + given[0]), "birthDate", born.toString());

        Operator withoutNumbers = administration.operator(false, "IDENTITY");
        Reply provided = post(withoutNumbers, c).expect(200);
        JsonNode record = provided.json().get("results").get(0);
        assertThat(record.has("individualNumber")).isFalse();
        assertThat(record.get("formerSurname").isNull()).isTrue();
        assertThat(record.get("name").get("kana").asText()).isEqualTo("イシイ " + given[0]);
        assertThat(record.get("changeReason").asText()).isEqualTo("MOVE_IN");
        assertThat(record.get("version").asInt()).isEqualTo(1);
        Map<String, Object> entry = jdbc.queryForMap("SELECT operator_id, outcome, query_kind, criteria::text AS criteria,"
                        + " array_to_string(resident_codes, ',') AS codes, individual_number_included FROM provision_log WHERE id = ?",
                UUID.fromString(provided.header("X-Provision-Id")));
        assertThat(entry).containsEntry("operator_id", withoutNumbers.id()).containsEntry("outcome", "PROVIDED")
                .containsEntry("query_kind", "FOUR_FIELDS").containsEntry("codes", code(resident))
                .containsEntry("individual_number_included", false);
        assertThat((String) entry.get("criteria")).contains("イシイ " + given[0], born.toString()).doesNotContain("affair");

        JsonNode withNumber = search(c).get("results").get(0);
        assertThat(withNumber.get("individualNumber").asText()).isEqualTo(resident.get("individualNumber"));

        Reply refused = post(withoutNumbers, criteria("affair", operator.affair(), "name", c.get("name"), "birthDate",
                born.toString()));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("reason").asText()).isEqualTo("AFFAIR_NOT_AUTHORISED");
        assertThat(refused.body()).doesNotContain(code(resident));
        assertThat(jdbc.queryForObject("SELECT outcome || ':' || refusal_reason || ':' || query_kind FROM provision_log"
                        + " WHERE id = ?", String.class, UUID.fromString(refused.header("X-Provision-Id"))))
                .isEqualTo("REFUSED:AFFAIR_NOT_AUTHORISED:FOUR_FIELDS");
        Operator overseasOnly = administration.operator(true, "OVERSEAS");
        Reply notCovered = post(overseasOnly, c);
        assertThat(notCovered.status()).isEqualTo(403);
        assertThat(notCovered.json().get("reason").asText()).isEqualTo("FILE_NOT_COVERED");
        assertThat(notCovered.header("X-Provision-Id")).isNotNull();
    }

    @Test
    void aResidentIsFindableAsSoonAsItsNotificationIsAcknowledged() {
        String[] given = givenName();
        LocalDate born = birthDate();
        Map<String, Object> resident = person("小林 " + given[1], "コバヤシ " + given[0], born);
        applied(kawaguchi, List.of(resident));
        // The search read model is written in the notification's own transaction: no wait.
        assertThat(found(search(criteria("name", Map.of("kanji", "小林 " + given[1]), "sex", "1"))))
                .containsExactly(code(resident));
    }
}
