package org.residentregistry.api.identity;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.residentregistry.api.input.JsonInput;
import org.residentregistry.api.problem.FieldErrors;
import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.identity.Address;
import org.residentregistry.core.identity.ChangeReason;
import org.residentregistry.core.identity.IdentityNotification;
import org.residentregistry.core.identity.IdentityRecord;
import org.residentregistry.core.notification.NotificationKey;
import org.residentregistry.core.identity.PersonName;
import org.residentregistry.core.codes.Sex;
import org.residentregistry.core.prefecture.Prefecture;
import org.springframework.stereotype.Component;

/**
 * Reads a batch of identity-file notifications (interface.md, Notifications) and checks every field of
 * domain.md §4: all or nothing, so one bad field anywhere fails the whole batch with every error listed.
 * Only the items of §1.1 are accepted: any other field is refused (§2.3).
 */
@Component
public class IdentityNotificationReader {

    static final int MAX_BATCH = 1000;

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final Set<String> ENVELOPE = Set.of("notifications");
    private static final Set<String> ITEM = Set.of("municipalityCode", "updateSequence", "residentCode",
            "previousResidentCode", "changeReason", "changeDate", "notifiedAt", "operatorId", "terminalId", "name",
            "formerSurname", "birthDate", "sex", "address", "individualNumber", "gaijiFlag");
    private static final Set<String> NAME = Set.of("kanji", "kana", "gaijiCount", "gaijiChangeSeq");
    private static final Set<String> ADDRESS = Set.of("text", "oazaCode", "gaijiCount", "gaijiChangeSeq");
    private static final int MAX_NAME = 100;
    private static final int MAX_ADDRESS = 200;
    private static final int MAX_ID = 64;

    private final Prefecture prefecture;
    private final Clock clock;

    public IdentityNotificationReader(Prefecture prefecture, Clock clock) {
        this.prefecture = prefecture;
        this.clock = clock;
    }

    public List<IdentityNotification> read(JsonNode body) {
        JsonInput in = new JsonInput();
        if (body == null || !body.isObject()) {
            in.reject("", FieldErrors.WRONG_TYPE, "the body must be a JSON object with a notifications array");
            in.throwIfInvalid();
        }
        in.rejectUnknownFields(body, "", ENVELOPE);
        JsonNode items = body.get("notifications");
        if (items == null || !items.isArray()) {
            in.reject("notifications", FieldErrors.REQUIRED, "must be an array of notifications");
        } else if (items.isEmpty() || items.size() > MAX_BATCH) {
            in.reject("notifications", FieldErrors.INVALID_VALUE, "must hold 1 to " + MAX_BATCH + " notifications");
        }
        in.throwIfInvalid();
        List<IdentityNotification> notifications = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            notifications.add(item(in, items.get(i), "notifications[" + i + "]"));
        }
        in.throwIfInvalid();
        return notifications;
    }

    private IdentityNotification item(JsonInput in, JsonNode node, String path) {
        if (!node.isObject()) {
            in.reject(path, FieldErrors.WRONG_TYPE, "must be an object");
            return null;
        }
        in.rejectUnknownFields(node, path, ITEM);
        MunicipalityCode municipality = in.value(node, "municipalityCode", path + ".municipalityCode", true, MunicipalityCode::of);
        if (municipality != null && !prefecture.contains(municipality)) {
            in.reject(path + ".municipalityCode", FieldErrors.OUTSIDE_PREFECTURE, "is not a municipality of " + prefecture.name());
        }
        Long sequence = in.integer(node, "updateSequence", path + ".updateSequence", 1, Long.MAX_VALUE);
        ResidentCode residentCode = in.value(node, "residentCode", path + ".residentCode", true, ResidentCode::of);
        ChangeReason reason = in.enumValue(node, "changeReason", path + ".changeReason", ChangeReason.class);
        ResidentCode previous = previousResidentCode(in, node, path, reason, residentCode);
        LocalDate changeDate = in.date(node, "changeDate", path + ".changeDate", true);
        OffsetDateTime notifiedAt = in.instant(node, "notifiedAt", path + ".notifiedAt");
        String operatorId = in.text(node, "operatorId", path + ".operatorId", true, MAX_ID);
        String terminalId = in.text(node, "terminalId", path + ".terminalId", true, MAX_ID);
        PersonName name = name(in, node, "name", path, true);
        PersonName formerSurname = name(in, node, "formerSurname", path, false);
        LocalDate birthDate = in.date(node, "birthDate", path + ".birthDate", true);
        if (birthDate != null && birthDate.isAfter(LocalDate.now(clock.withZone(JAPAN)))) {
            in.reject(path + ".birthDate", FieldErrors.INVALID_VALUE, "must not be in the future");
        }
        Sex sex = in.value(node, "sex", path + ".sex", true, Sex::ofCode);
        Address address = address(in, node, path);
        IndividualNumber number = in.value(node, "individualNumber", path + ".individualNumber", true, IndividualNumber::of);
        Boolean gaijiFlag = in.bool(node, "gaijiFlag", path + ".gaijiFlag");
        if (in.hasErrors()) {
            return null;
        }
        return new IdentityNotification(new NotificationKey(municipality, sequence), residentCode, previous, reason,
                changeDate, notifiedAt, operatorId, terminalId,
                new IdentityRecord(name, formerSurname, birthDate, sex, address, number, gaijiFlag));
    }

    /** Required with a resident-code change (and unlike the new code), refused with any other reason. */
    private static ResidentCode previousResidentCode(JsonInput in, JsonNode node, String path, ChangeReason reason,
                                                     ResidentCode residentCode) {
        String field = path + ".previousResidentCode";
        boolean codeChange = reason == ChangeReason.RESIDENT_CODE_CHANGE;
        if (!codeChange && JsonInput.isPresent(node, "previousResidentCode")) {
            in.reject(field, FieldErrors.NOT_ALLOWED, "is only sent with the change reason RESIDENT_CODE_CHANGE");
            return null;
        }
        ResidentCode previous = in.value(node, "previousResidentCode", field, codeChange, ResidentCode::of);
        if (previous != null && Objects.equals(previous, residentCode)) {
            in.reject(field, FieldErrors.INVALID_VALUE, "must differ from residentCode");
        }
        return previous;
    }

    private static PersonName name(JsonInput in, JsonNode parent, String field, String itemPath, boolean required) {
        String path = itemPath + "." + field;
        JsonNode node = in.object(parent, field, path, required, NAME);
        if (node == null) {
            return null;
        }
        String kanji = in.text(node, "kanji", path + ".kanji", true, MAX_NAME);
        String kana = in.kana(node, "kana", path + ".kana", true, MAX_NAME);
        Long gaijiCount = in.integer(node, "gaijiCount", path + ".gaijiCount", 0, MAX_NAME);
        Long gaijiChangeSeq = in.integer(node, "gaijiChangeSeq", path + ".gaijiChangeSeq", 0, Integer.MAX_VALUE);
        if (kanji == null || kana == null || gaijiCount == null || gaijiChangeSeq == null) {
            return null;
        }
        return new PersonName(kanji, kana, gaijiCount.intValue(), gaijiChangeSeq.intValue());
    }

    private static Address address(JsonInput in, JsonNode parent, String itemPath) {
        String path = itemPath + ".address";
        JsonNode node = in.object(parent, "address", path, true, ADDRESS);
        if (node == null) {
            return null;
        }
        String text = in.text(node, "text", path + ".text", true, MAX_ADDRESS);
        String oazaCode = in.text(node, "oazaCode", path + ".oazaCode", true, 12);
        if (oazaCode != null && !oazaCode.chars().allMatch(c -> c >= '0' && c <= '9')) {
            in.reject(path + ".oazaCode", FieldErrors.FORMAT, "must be ASCII digits");
        }
        Long gaijiCount = in.integer(node, "gaijiCount", path + ".gaijiCount", 0, MAX_ADDRESS);
        Long gaijiChangeSeq = in.integer(node, "gaijiChangeSeq", path + ".gaijiChangeSeq", 0, Integer.MAX_VALUE);
        if (text == null || oazaCode == null || gaijiCount == null || gaijiChangeSeq == null) {
            return null;
        }
        return new Address(text, oazaCode, gaijiCount.intValue(), gaijiChangeSeq.intValue());
    }
}
