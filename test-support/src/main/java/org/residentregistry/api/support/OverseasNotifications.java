package org.residentregistry.api.support;

import static org.residentregistry.api.support.Notifications.deepCopy;
import static org.residentregistry.api.support.Notifications.newResidentCode;
import static org.residentregistry.api.support.Notifications.nextSequence;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.residentregistry.api.HttpTestClient;
import org.residentregistry.api.HttpTestClient.Reply;

/**
 * Builds overseas-file notification items — 附票本人確認情報の更新通知 — as a managing municipality sends them
 * (interface.md), with the resident codes and update sequences of {@link Notifications}, unique within the test JVM.
 */
public final class OverseasNotifications {

    private OverseasNotifications() {
    }

    /** Posts a batch as a municipality's family-register system does: {@code {"notifications": [...]}}. */
    public static Reply send(HttpTestClient http, String token, List<Map<String, Object>> items) {
        return http.postJson("/api/v1/overseas/notifications", token, Map.of("notifications", items));
    }

    /** A RECORD of a person living abroad, managed by {@code municipality}, complete and valid. */
    public static Map<String, Object> record(String municipality) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("municipalityCode", municipality);
        n.put("updateSequence", nextSequence());
        n.put("residentCode", newResidentCode());
        n.put("previousResidentCode", null);
        n.put("changeKind", "RECORD");
        n.put("changeDate", LocalDate.now(ZoneOffset.ofHours(9)).minusDays(1).toString());
        n.put("notifiedAt", OffsetDateTime.now(ZoneOffset.ofHours(9)).minusHours(1).withNano(0).toString());
        n.put("operatorId", "op-7");
        n.put("terminalId", "t-1");
        n.put("name", new LinkedHashMap<>(Map.of("kanji", "佐藤 花子", "kana", "サトウ ハナコ", "gaijiCount", 0)));
        n.put("birthDate", "1975-03-14");
        n.put("sex", "2");
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("municipalityCode", null);
        address.put("text", "アメリカ合衆国カリフォルニア州");
        address.put("gaijiCount", 0);
        n.put("address", address);
        n.put("lastDomesticAddress", new LinkedHashMap<>(Map.of("text", "埼玉県さいたま市浦和区高砂三丁目１５番１号", "gaijiCount", 0)));
        n.put("gaijiFlag", false);
        n.put("gaijiPattern", null);
        return n;
    }

    /** The next notification of the same record, of {@code kind}, from {@code municipality}. */
    public static Map<String, Object> next(Map<String, Object> previous, String municipality, String kind) {
        Map<String, Object> n = deepCopy(previous);
        n.put("municipalityCode", municipality);
        n.put("updateSequence", nextSequence());
        n.put("changeKind", kind);
        return n;
    }
}
