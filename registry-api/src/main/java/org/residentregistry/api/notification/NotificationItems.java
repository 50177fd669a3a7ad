package org.residentregistry.api.notification;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import com.fasterxml.jackson.databind.JsonNode;
import org.residentregistry.api.input.JsonInput;
import org.residentregistry.api.problem.FieldErrors;
import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.notification.NotificationKey;
import org.residentregistry.core.prefecture.Prefecture;
import org.springframework.stereotype.Component;

/** Reads and checks the items every notification has, in either file (domain.md §4). */
@Component
public class NotificationItems {

    public static final int MAX_NAME = 100;
    public static final int MAX_ADDRESS = 200;
    private static final int MAX_ID = 64;
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final Prefecture prefecture;
    private final Clock clock;

    public NotificationItems(Prefecture prefecture, Clock clock) {
        this.prefecture = prefecture;
        this.clock = clock;
    }

    /** What says who sent a notification, when and for whom; null parts are reported to {@code in}. */
    public record Common(NotificationKey key, ResidentCode residentCode, LocalDate changeDate, OffsetDateTime notifiedAt,
                         String operatorId, String terminalId) {
    }

    public Common common(JsonInput in, JsonNode node, String path) {
        MunicipalityCode municipality = municipality(in, node, "municipalityCode", path + ".municipalityCode");
        Long sequence = in.integer(node, "updateSequence", path + ".updateSequence", 1, Long.MAX_VALUE);
        ResidentCode residentCode = in.value(node, "residentCode", path + ".residentCode", true, ResidentCode::of);
        LocalDate changeDate = in.date(node, "changeDate", path + ".changeDate", true);
        OffsetDateTime notifiedAt = in.instant(node, "notifiedAt", path + ".notifiedAt");
        String operatorId = in.text(node, "operatorId", path + ".operatorId", true, MAX_ID);
        String terminalId = in.text(node, "terminalId", path + ".terminalId", true, MAX_ID);
        return new Common(municipality == null || sequence == null ? null : new NotificationKey(municipality, sequence),
                residentCode, changeDate, notifiedAt, operatorId, terminalId);
    }

    /** A municipality of the prefecture (required). */
    public MunicipalityCode municipality(JsonInput in, JsonNode node, String field, String path) {
        MunicipalityCode municipality = in.value(node, field, path, true, MunicipalityCode::of);
        if (municipality != null && !prefecture.contains(municipality)) {
            in.reject(path, FieldErrors.OUTSIDE_PREFECTURE, "is not a municipality of " + prefecture.name());
        }
        return municipality;
    }

    /** A birth date, not in the future (in Japan's time). */
    public LocalDate birthDate(JsonInput in, JsonNode node, String path) {
        LocalDate birthDate = in.date(node, "birthDate", path + ".birthDate", true);
        if (birthDate != null && birthDate.isAfter(LocalDate.now(clock.withZone(JAPAN)))) {
            in.reject(path + ".birthDate", FieldErrors.INVALID_VALUE, "must not be in the future");
        }
        return birthDate;
    }
}
