package org.residentregistry.api.bulkprovision;

import static org.residentregistry.api.support.Notifications.KAWAGUCHI;
import static org.residentregistry.api.support.Notifications.moveIn;
import static org.residentregistry.api.support.Notifications.name;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.residentregistry.api.HttpTestClient;
import org.residentregistry.api.HttpTestClient.Reply;

/**
 * Bulk-query uploads over ten residents born on a day no other test uses. Row i (from 1) is a query by resident
 * code, by individual number, by four fields, with a bad code, or too broad, by i modulo 5; every 1,000th row has
 * two cells.
 */
final class BulkQueryFile {

    static final String HEADER = "residentCode,individualNumber,kanjiName,kanaName,birthDate,sex,address";

    final List<Map<String, Object>> residents = new ArrayList<>();

    BulkQueryFile() {
        String birthDate = "19%02d-0%d-1%d".formatted(ThreadLocalRandom.current().nextInt(10, 40),
                ThreadLocalRandom.current().nextInt(1, 10), ThreadLocalRandom.current().nextInt(0, 10));
        for (int i = 0; i < 10; i++) {
            Map<String, Object> resident = moveIn(KAWAGUCHI);
            resident.put("birthDate", birthDate);
            resident.put("name", name("一括 太郎" + "一二三四五六七八九十".charAt(i), "イッカツ タロウ" + "アイウエオカキクケコ".charAt(i)));
            residents.add(resident);
        }
    }

    Map<String, Object> resident(int row) {
        return residents.get(row % residents.size());
    }

    String row(int i) {
        Map<String, Object> resident = resident(i);
        @SuppressWarnings("unchecked")
        Map<String, Object> name = (Map<String, Object>) resident.get("name");
        if (i % 1000 == 0) {
            return "only,two";
        }
        return switch (i % 5) {
            case 0 -> resident.get("residentCode") + ",,,,,,";
            case 1 -> "," + resident.get("individualNumber") + ",,,,,";
            case 2 -> ",,\"" + name.get("kanji") + "\",,\"" + resident.get("birthDate") + "\",1,";
            case 3 -> "12345,,,,,,";
            default -> ",,,,,1,\"川口市\"";
        };
    }

    String csv(int rows) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(row(i)).append("\r\n");
        }
        return csv.toString();
    }

    static Reply submit(HttpTestClient http, String token, String affair, String csv) {
        return http.send(http.request("/api/v1/identity/bulk-queries?affair=" + affair, token)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)));
    }
}
