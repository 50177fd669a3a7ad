package org.residentregistry.api.identity;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.residentregistry.api.input.JsonInput;
import org.residentregistry.api.notification.NotificationEnvelope;
import org.residentregistry.api.notification.NotificationItems;
import org.residentregistry.api.problem.FieldErrors;
import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.codes.Sex;
import org.residentregistry.core.identity.Address;
import org.residentregistry.core.identity.ChangeReason;
import org.residentregistry.core.identity.IdentityNotification;
import org.residentregistry.core.identity.IdentityRecord;
import org.residentregistry.core.identity.PersonName;
import org.springframework.stereotype.Component;

/**
 * Reads a batch of identity-file notifications (interface.md, Notifications) and checks every field of
 * domain.md §4, all or nothing ({@link NotificationEnvelope}). Only the items of §1.1 are accepted: any other
 * field is refused (§2.3).
 */
@Component
public class IdentityNotificationReader {

    private static final Set<String> ITEM = Set.of("municipalityCode", "updateSequence", "residentCode",
            "previousResidentCode", "changeReason", "changeDate", "notifiedAt", "operatorId", "terminalId", "name",
            "formerSurname", "birthDate", "sex", "address", "individualNumber", "gaijiFlag");
    private static final Set<String> NAME = Set.of("kanji", "kana", "gaijiCount", "gaijiChangeSeq");
    private static final Set<String> ADDRESS = Set.of("text", "oazaCode", "gaijiCount", "gaijiChangeSeq");

    private final NotificationItems items;

    public IdentityNotificationReader(NotificationItems items) {
        this.items = items;
    }

    public List<IdentityNotification> read(JsonNode body) {
        return NotificationEnvelope.read(body, this::item);
    }

    private IdentityNotification item(JsonInput in, JsonNode node, String path) {
        in.rejectUnknownFields(node, path, ITEM);
        NotificationItems.Common common = items.common(in, node, path);
        ChangeReason reason = in.enumValue(node, "changeReason", path + ".changeReason", ChangeReason.class);
        ResidentCode previous = previousResidentCode(in, node, path, reason, common.residentCode());
        PersonName name = name(in, node, "name", path, true);
        PersonName formerSurname = name(in, node, "formerSurname", path, false);
        LocalDate birthDate = items.birthDate(in, node, path);
        Sex sex = in.value(node, "sex", path + ".sex", true, Sex::ofCode);
        Address address = address(in, node, path);
        IndividualNumber number = in.value(node, "individualNumber", path + ".individualNumber", true, IndividualNumber::of);
        Boolean gaijiFlag = in.bool(node, "gaijiFlag", path + ".gaijiFlag");
        if (in.hasErrors()) {
            return null;
        }
        return new IdentityNotification(common.key(), common.residentCode(), previous, reason,
                common.changeDate(), common.notifiedAt(), common.operatorId(), common.terminalId(),
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
        String kanji = in.text(node, "kanji", path + ".kanji", true, NotificationItems.MAX_NAME);
        String kana = in.kana(node, "kana", path + ".kana", true, NotificationItems.MAX_NAME);
        Long gaijiCount = in.integer(node, "gaijiCount", path + ".gaijiCount", 0, NotificationItems.MAX_NAME);
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
        String text = in.text(node, "text", path + ".text", true, NotificationItems.MAX_ADDRESS);
        String oazaCode = in.text(node, "oazaCode", path + ".oazaCode", true, 12);
        if (oazaCode != null && !oazaCode.chars().allMatch(c -> c >= '0' && c <= '9')) {
            in.reject(path + ".oazaCode", FieldErrors.FORMAT, "must be ASCII digits");
        }
        Long gaijiCount = in.integer(node, "gaijiCount", path + ".gaijiCount", 0, NotificationItems.MAX_ADDRESS);
        Long gaijiChangeSeq = in.integer(node, "gaijiChangeSeq", path + ".gaijiChangeSeq", 0, Integer.MAX_VALUE);
        if (text == null || oazaCode == null || gaijiCount == null || gaijiChangeSeq == null) {
            return null;
        }
        return new Address(text, oazaCode, gaijiCount.intValue(), gaijiChangeSeq.intValue());
    }
}
