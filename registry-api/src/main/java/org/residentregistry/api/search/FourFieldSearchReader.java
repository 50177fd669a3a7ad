package org.residentregistry.api.search;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.residentregistry.api.input.JsonInput;
import org.residentregistry.api.problem.FieldErrors;
import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.codes.Sex;
import org.residentregistry.core.prefecture.Prefecture;
import org.residentregistry.core.search.AddressCriterion;
import org.residentregistry.core.search.AddressSearchKey;
import org.residentregistry.core.search.BirthDateRange;
import org.residentregistry.core.search.FourFieldCriteria;
import org.residentregistry.core.search.KanaSearchKey;
import org.residentregistry.core.search.KanjiSearchKey;
import org.residentregistry.core.search.NameCriterion;
import org.springframework.stereotype.Component;

/**
 * Reads a four-field search request of either file (interface.md, {@code POST /identity/search}) and checks every field at once;
 * then that the criteria are strong enough to find a person ({@code TOO_BROAD} otherwise).
 */
@Component
public class FourFieldSearchReader {

    public static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private static final Set<String> FIELDS = Set.of("affair", "name", "namePrefix", "birthDate", "sex", "address",
            "includeRemoved", "limit");
    private static final Set<String> NAME = Set.of("kana", "kanji");
    private static final Set<String> ADDRESS = Set.of("text", "municipalityCode");
    private static final int MAX_NAME = 100;
    private static final int MAX_ADDRESS = 200;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Prefecture prefecture;
    private final AddressSearchKey addressKey;
    private final ObjectMapper json;

    FourFieldSearchReader(Prefecture prefecture, AddressSearchKey addressKey, ObjectMapper json) {
        this.prefecture = prefecture;
        this.addressKey = addressKey;
        this.json = json;
    }

    /**
     * A search as asked: its affair, its criteria, how many records it may hand out, and the criteria as sent (for
     * the provision log).
     */
    public record SearchRequest(String affair, FourFieldCriteria criteria, int limit, Map<String, Object> asked) {

        @Override
        public String toString() {
            return "SearchRequest[***]";
        }
    }

    /** The request in {@code body}; its affair is the JSON field {@code affair} or the query parameter. */
    public SearchRequest read(JsonNode body, String affairParameter) {
        JsonInput in = new JsonInput();
        if (body == null || !body.isObject()) {
            in.reject("", FieldErrors.WRONG_TYPE, "the body must be a JSON object");
            in.throwIfInvalid();
        }
        in.rejectUnknownFields(body, "", FIELDS);
        String affair = affair(in, body, affairParameter);
        NameCriterion name = name(in, body, optionalFlag(in, body, "namePrefix"));
        BirthDateRange birthDate = in.value(body, "birthDate", "birthDate", false, BirthDateRange::parse);
        Sex sex = in.value(body, "sex", "sex", false, Sex::ofCode);
        AddressCriterion address = address(in, body);
        boolean includeRemoved = optionalFlag(in, body, "includeRemoved");
        Long limit = JsonInput.isPresent(body, "limit")
                ? in.integer(body, "limit", "limit", 1, MAX_LIMIT) : Long.valueOf(DEFAULT_LIMIT);
        in.throwIfInvalid();
        FourFieldCriteria criteria = new FourFieldCriteria(name, birthDate, sex, address, includeRemoved);
        if (!criteria.strongEnough()) {
            in.reject("", FieldErrors.TOO_BROAD, "a search needs at least two of name, birthDate, sex and address,"
                    + " one of them name or birthDate");
            in.throwIfInvalid();
        }
        ObjectNode asked = ((ObjectNode) body).deepCopy();
        asked.remove("affair");
        return new SearchRequest(affair, criteria, limit.intValue(), json.convertValue(asked, MAP));
    }

    private static String affair(JsonInput in, JsonNode body, String parameter) {
        String field = in.text(body, "affair", "affair", false, 64);
        if (field != null && parameter != null && !field.equals(parameter)) {
            in.reject("affair", FieldErrors.INVALID_VALUE, "the JSON field and the query parameter name different affairs");
        }
        String affair = field != null ? field : parameter;
        if (affair == null && !JsonInput.isPresent(body, "affair")) {
            in.reject("affair", FieldErrors.REQUIRED, "every query names its affair");
        }
        return affair;
    }

    /** A boolean field that is false when left out. */
    private static boolean optionalFlag(JsonInput in, JsonNode body, String field) {
        return JsonInput.isPresent(body, field) && Boolean.TRUE.equals(in.bool(body, field, field));
    }

    private static NameCriterion name(JsonInput in, JsonNode body, boolean prefix) {
        JsonNode node = in.object(body, "name", "name", false, NAME);
        if (node == null) {
            return null;
        }
        String kana = in.kana(node, "kana", "name.kana", false, MAX_NAME);
        if (kana != null && KanaSearchKey.ofName(kana).isEmpty()) {
            in.reject("name.kana", FieldErrors.INVALID_VALUE,
                    "holds nothing to search by once spaces and long-vowel marks are dropped");
            kana = null;
        }
        String kanji = in.text(node, "kanji", "name.kanji", false, MAX_NAME);
        if (kanji != null && KanjiSearchKey.of(kanji).isEmpty()) {
            in.reject("name.kanji", FieldErrors.INVALID_VALUE,
                    "holds nothing to search by once spaces and variation selectors are dropped");
            kanji = null;
        }
        if (!JsonInput.isPresent(node, "kana") && !JsonInput.isPresent(node, "kanji")) {
            in.reject("name", FieldErrors.REQUIRED, "needs kana, kanji or both");
        }
        return in.hasErrors() || kana == null && kanji == null ? null : new NameCriterion(kana, kanji, prefix);
    }

    private AddressCriterion address(JsonInput in, JsonNode body) {
        JsonNode node = in.object(body, "address", "address", false, ADDRESS);
        if (node == null) {
            return null;
        }
        String text = in.text(node, "text", "address.text", false, MAX_ADDRESS);
        if (text != null && addressKey.of(text).isEmpty()) {
            in.reject("address.text", FieldErrors.INVALID_VALUE, "names no place within " + prefecture.name());
            text = null;
        }
        MunicipalityCode municipality = in.value(node, "municipalityCode", "address.municipalityCode", false,
                MunicipalityCode::of);
        if (municipality != null && !prefecture.contains(municipality)) {
            in.reject("address.municipalityCode", FieldErrors.OUTSIDE_PREFECTURE,
                    "is not a municipality of " + prefecture.name());
        }
        if (!JsonInput.isPresent(node, "text") && !JsonInput.isPresent(node, "municipalityCode")) {
            in.reject("address", FieldErrors.REQUIRED, "needs text, municipalityCode or both");
        }
        return in.hasErrors() || text == null && municipality == null ? null : new AddressCriterion(text, municipality);
    }
}
