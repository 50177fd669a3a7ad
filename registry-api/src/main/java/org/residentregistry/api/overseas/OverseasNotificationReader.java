package org.residentregistry.api.overseas;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.residentregistry.api.input.JsonInput;
import org.residentregistry.api.notification.NotificationEnvelope;
import org.residentregistry.api.notification.NotificationItems;
import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.codes.Sex;
import org.residentregistry.core.overseas.ChangeKind;
import org.residentregistry.core.overseas.LastDomesticAddress;
import org.residentregistry.core.overseas.OverseasAddress;
import org.residentregistry.core.overseas.OverseasName;
import org.residentregistry.core.overseas.OverseasNotification;
import org.residentregistry.core.overseas.OverseasRecord;
import org.springframework.stereotype.Component;

/**
 * Reads a batch of overseas-file notifications (interface.md, {@code POST /overseas/notifications}) and checks every
 * field, all or nothing. Only the items of §1.2 are accepted: an individual number, or any other field the law does
 * not have municipalities send, refuses the whole batch (§2.3).
 */
@Component
class OverseasNotificationReader {

    private static final Set<String> ITEM = Set.of("municipalityCode", "updateSequence", "residentCode",
            "previousResidentCode", "changeKind", "changeDate", "notifiedAt", "operatorId", "terminalId", "name",
            "birthDate", "sex", "address", "lastDomesticAddress", "gaijiFlag", "gaijiPattern");
    private static final Set<String> NAME = Set.of("kanji", "kana", "gaijiCount");
    private static final Set<String> ADDRESS = Set.of("municipalityCode", "text", "gaijiCount");
    private static final Set<String> LAST_ADDRESS = Set.of("text", "gaijiCount");
    private static final int MAX_PATTERN = 64;

    private final NotificationItems items;

    OverseasNotificationReader(NotificationItems items) {
        this.items = items;
    }

    List<OverseasNotification> read(JsonNode body) {
        return NotificationEnvelope.read(body, this::item);
    }

    private OverseasNotification item(JsonInput in, JsonNode node, String path) {
        in.rejectUnknownFields(node, path, ITEM);
        NotificationItems.Common common = items.common(in, node, path);
        ResidentCode previous = in.value(node, "previousResidentCode", path + ".previousResidentCode", false, ResidentCode::of);
        ChangeKind kind = in.enumValue(node, "changeKind", path + ".changeKind", ChangeKind.class);
        OverseasName name = name(in, node, path + ".name");
        LocalDate birthDate = items.birthDate(in, node, path);
        Sex sex = in.value(node, "sex", path + ".sex", true, Sex::ofCode);
        OverseasAddress address = address(in, node, path + ".address");
        LastDomesticAddress last = lastDomesticAddress(in, node, path + ".lastDomesticAddress");
        Boolean gaijiFlag = in.bool(node, "gaijiFlag", path + ".gaijiFlag");
        String gaijiPattern = in.text(node, "gaijiPattern", path + ".gaijiPattern", false, MAX_PATTERN);
        if (in.hasErrors()) {
            return null;
        }
        return new OverseasNotification(common.key(), common.residentCode(), previous, kind, common.changeDate(),
                common.notifiedAt(), common.operatorId(), common.terminalId(),
                new OverseasRecord(name, birthDate, sex, address, last, gaijiFlag, gaijiPattern));
    }

    private static OverseasName name(JsonInput in, JsonNode parent, String path) {
        JsonNode node = in.object(parent, "name", path, true, NAME);
        if (node == null) {
            return null;
        }
        String kanji = in.text(node, "kanji", path + ".kanji", true, NotificationItems.MAX_NAME);
        String kana = in.kana(node, "kana", path + ".kana", true, NotificationItems.MAX_NAME);
        Long gaijiCount = in.integer(node, "gaijiCount", path + ".gaijiCount", 0, NotificationItems.MAX_NAME);
        return kanji == null || kana == null || gaijiCount == null ? null
                : new OverseasName(kanji, kana, gaijiCount.intValue());
    }

    /** The address; its municipality code (anywhere in Japan, so not only the prefecture's) is absent abroad. */
    private static OverseasAddress address(JsonInput in, JsonNode parent, String path) {
        JsonNode node = in.object(parent, "address", path, true, ADDRESS);
        if (node == null) {
            return null;
        }
        MunicipalityCode municipality = in.value(node, "municipalityCode", path + ".municipalityCode", false,
                MunicipalityCode::of);
        String text = in.text(node, "text", path + ".text", true, NotificationItems.MAX_ADDRESS);
        Long gaijiCount = in.integer(node, "gaijiCount", path + ".gaijiCount", 0, NotificationItems.MAX_ADDRESS);
        return text == null || gaijiCount == null ? null : new OverseasAddress(municipality, text, gaijiCount.intValue());
    }

    /** The last address in Japan, for a person abroad: optional. */
    private static LastDomesticAddress lastDomesticAddress(JsonInput in, JsonNode parent, String path) {
        JsonNode node = in.object(parent, "lastDomesticAddress", path, false, LAST_ADDRESS);
        if (node == null) {
            return null;
        }
        String text = in.text(node, "text", path + ".text", true, NotificationItems.MAX_ADDRESS);
        Long gaijiCount = in.integer(node, "gaijiCount", path + ".gaijiCount", 0, NotificationItems.MAX_ADDRESS);
        return text == null || gaijiCount == null ? null : new LastDomesticAddress(text, gaijiCount.intValue());
    }
}
