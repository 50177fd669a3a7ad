package org.residentregistry.api.support;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.residentregistry.api.HttpTestClient;
import org.residentregistry.api.HttpTestClient.Reply;
import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.core.codes.ResidentCode;

/**
 * Builds notification items as a municipal server sends them (interface.md), with resident codes,
 * individual numbers and update sequences unique within the test JVM, so tests sharing a database never
 * collide. Each item is a mutable map: a test changes what its rule is about and nothing else.
 */
public final class Notifications {

    public static final String SAITAMA = "111007";
    public static final String KAWAGUCHI = "112038";
    public static final String KAWAGOE = "112011";

    private static final AtomicLong SEQUENCE = new AtomicLong(1_000);
    private static final AtomicLong CODES = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000_000L, 8_000_000_000L));

    private Notifications() {
    }

    /** Posts a batch as a municipal server does: {@code {"notifications": [...]}}. */
    public static Reply send(HttpTestClient http, String token, List<Map<String, Object>> items) {
        return http.postJson("/api/v1/identity/notifications", token, Map.of("notifications", items));
    }

    public static String newResidentCode() {
        return ResidentCode.withCheckDigit(String.format("%010d", CODES.incrementAndGet())).value();
    }

    public static String newIndividualNumber() {
        return IndividualNumber.withCheckDigit(String.format("%011d", CODES.incrementAndGet() * 7)).value();
    }

    public static long nextSequence() {
        return SEQUENCE.incrementAndGet();
    }

    /** A MOVE_IN of a new resident at {@code municipality}, complete and valid. */
    public static Map<String, Object> moveIn(String municipality) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("municipalityCode", municipality);
        n.put("updateSequence", nextSequence());
        n.put("residentCode", newResidentCode());
        n.put("previousResidentCode", null);
        n.put("changeReason", "MOVE_IN");
        n.put("changeDate", LocalDate.now(ZoneOffset.ofHours(9)).minusDays(1).toString());
        n.put("notifiedAt", OffsetDateTime.now(ZoneOffset.ofHours(9)).minusHours(1).withNano(0).toString());
        n.put("operatorId", "op-12");
        n.put("terminalId", "t-3");
        n.put("name", name("山田 太郎", "ヤマダ タロウ"));
        n.put("formerSurname", null);
        n.put("birthDate", "1980-05-06");
        n.put("sex", "1");
        n.put("address", address("埼玉県川口市本町一丁目１番１号"));
        n.put("individualNumber", newIndividualNumber());
        n.put("gaijiFlag", false);
        return n;
    }

    /**
     * The next notification for the same resident: the record as it stands, with a new sequence number from
     * {@code municipality} and the given reason. The caller then changes what the reason changes.
     */
    public static Map<String, Object> next(Map<String, Object> previous, String municipality, String reason) {
        Map<String, Object> n = deepCopy(previous);
        n.put("municipalityCode", municipality);
        n.put("updateSequence", nextSequence());
        n.put("changeReason", reason);
        n.put("previousResidentCode", null);
        return n;
    }

    public static Map<String, Object> name(String kanji, String kana) {
        Map<String, Object> name = new LinkedHashMap<>();
        name.put("kanji", kanji);
        name.put("kana", kana);
        name.put("gaijiCount", 0);
        name.put("gaijiChangeSeq", 0);
        return name;
    }

    public static Map<String, Object> address(String text) {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("text", text);
        address.put("oazaCode", "0010");
        address.put("gaijiCount", 0);
        address.put("gaijiChangeSeq", 0);
        return address;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : v));
        return copy;
    }
}
