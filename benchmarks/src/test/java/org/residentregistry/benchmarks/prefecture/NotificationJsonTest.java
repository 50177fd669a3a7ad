package org.residentregistry.benchmarks.prefecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.prefecture.Prefecture;

/** Generated request bodies checked against the shape interface.md gives for {@code POST /identity/notifications}. */
class NotificationJsonTest {

    private static final Set<String> ITEM_FIELDS = Set.of("municipalityCode", "updateSequence", "residentCode",
            "previousResidentCode", "changeReason", "changeDate", "notifiedAt", "operatorId", "terminalId", "name",
            "formerSurname", "birthDate", "sex", "address", "individualNumber", "gaijiFlag");
    private static final Set<String> NAME_FIELDS = Set.of("kanji", "kana", "gaijiCount", "gaijiChangeSeq");
    private static final Set<String> ADDRESS_FIELDS = Set.of("text", "oazaCode", "gaijiCount", "gaijiChangeSeq");
    private static final String KATAKANA = "[\\u30A1-\\u30F6\\u30FC]+";
    private static final String DATE = "\\d{4}-\\d{2}-\\d{2}";

    private final ObjectMapper mapper = new ObjectMapper();
    private final NotificationJson json = new NotificationJson();
    private final Prefecture saitama = Prefecture.saitama();

    @Test
    void everyBatchOfTheInitialLoadAndOfTheChangesHasTheInterfaceShape() {
        SyntheticPrefecture prefecture = SyntheticPrefecture.saitama(11, 5_000);
        Stream<Notification> notifications = Stream.concat(prefecture.initialLoad(),
                prefecture.changes(90).map(Dispatch::notification));
        Set<String> reasons = new HashSet<>();
        int[] gaiji = {0};

        NotificationBatcher.batches(notifications, NotificationBatch.MAX_ITEMS, Duration.ofHours(1)).forEach(batch -> {
            JsonNode body = read(json.bytes(batch));
            assertThat(fieldNames(body)).containsExactly("notifications");
            JsonNode items = body.get("notifications");
            assertThat(items.isArray()).isTrue();
            assertThat(items.size()).isBetween(1, NotificationBatch.MAX_ITEMS);
            String municipality = items.get(0).get("municipalityCode").asText();
            for (JsonNode item : items) {
                assertInterfaceShape(item);
                assertThat(item.get("municipalityCode").asText()).as("one municipality a batch")
                        .isEqualTo(municipality);
                reasons.add(item.get("changeReason").asText());
                gaiji[0] += item.get("gaijiFlag").asBoolean() ? 1 : 0;
            }
        });

        // the rarer reasons are too rare at this size: ChangeStreamTest sees every one of them
        assertThat(reasons).contains("MOVE_IN", "MOVE_WITHIN", "MOVE_OUT", "BIRTH", "DEATH", "NAME_CHANGE");
        assertThat(gaiji[0]).as("names with 外字, flagged").isPositive();
    }

    @Test
    void instantsKeepTheirSecondsAndTheirOffsetAndNullsAreWrittenOut() {
        Notification n = SyntheticPrefecture.saitama(1, 100).initialLoad().findFirst().orElseThrow();

        String written = new String(json.bytes(n));

        assertThat(n.notifiedAt().getSecond()).isZero();
        assertThat(written).contains("\"notifiedAt\":\"2026-04-01T09:00:00+09:00\"")
                .contains("\"previousResidentCode\":null")
                .startsWith("{\"municipalityCode\":\"111007\",\"updateSequence\":1,");
    }

    private void assertInterfaceShape(JsonNode item) {
        assertThat(fieldNames(item)).as("fields").containsExactlyInAnyOrderElementsOf(ITEM_FIELDS);
        MunicipalityCode municipality = MunicipalityCode.of(item.get("municipalityCode").asText());
        assertThat(saitama.contains(municipality)).isTrue();
        assertThat(item.get("updateSequence").canConvertToLong()).isTrue();
        assertThat(item.get("updateSequence").asLong()).isPositive();
        ResidentCode.of(item.get("residentCode").asText());
        assertThat(item.get("previousResidentCode").isNull()).isTrue();
        assertThat(ChangeReason.valueOf(item.get("changeReason").asText())).isNotNull();
        assertThat(item.get("changeDate").asText()).matches(DATE);
        assertThat(item.get("notifiedAt").asText()).matches(DATE + "T\\d{2}:\\d{2}:\\d{2}\\+09:00");
        assertThat(item.get("operatorId").asText()).isNotBlank();
        assertThat(item.get("terminalId").asText()).isNotBlank();

        JsonNode name = item.get("name");
        assertThat(fieldNames(name)).containsExactlyInAnyOrderElementsOf(NAME_FIELDS);
        assertThat(name.get("kanji").asText()).matches("\\S+ \\S+");
        assertThat(name.get("kana").asText()).matches(KATAKANA + " " + KATAKANA);
        JsonNode former = item.get("formerSurname");
        assertThat(former.isNull() || fieldNames(former).equals(NAME_FIELDS)).as("formerSurname").isTrue();
        if (!former.isNull()) {
            assertThat(former.get("kana").asText()).matches(KATAKANA);
        }

        assertThat(LocalDate.parse(item.get("birthDate").asText()))
                .isBeforeOrEqualTo(LocalDate.parse(item.get("changeDate").asText()));
        assertThat(item.get("sex").asText()).isIn("1", "2");
        JsonNode address = item.get("address");
        assertThat(fieldNames(address)).containsExactlyInAnyOrderElementsOf(ADDRESS_FIELDS);
        assertThat(address.get("text").asText()).startsWith("埼玉県");
        assertThat(address.get("oazaCode").asText()).matches("\\d{4}");
        IndividualNumber.of(item.get("individualNumber").asText());

        int gaijiCount = name.get("gaijiCount").asInt() + address.get("gaijiCount").asInt()
                + (former.isNull() ? 0 : former.get("gaijiCount").asInt());
        assertThat(item.get("gaijiFlag").isBoolean()).isTrue();
        assertThat(item.get("gaijiFlag").asBoolean()).isEqualTo(gaijiCount > 0);
    }

    private JsonNode read(byte[] bytes) {
        try {
            return mapper.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
