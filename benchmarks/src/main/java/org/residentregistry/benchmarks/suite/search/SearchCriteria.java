package org.residentregistry.benchmarks.suite.search;

import java.util.LinkedHashMap;
import java.util.Map;

import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.codes.Sex;
import org.residentregistry.core.search.AddressCriterion;
import org.residentregistry.core.search.BirthDateRange;
import org.residentregistry.core.search.FourFieldCriteria;
import org.residentregistry.core.search.NameCriterion;

/**
 * One four-field search as a department's system sends it, and the resident whose record it was drawn from, whom
 * the answer must hold (unless it is truncated before reaching them). Each field is null when not asked.
 *
 * @param birthDate        {@code 1980-05-06}, {@code 1980-05} or {@code 1980}
 * @param expectedMatch    how the drawn resident must have matched ({@code EXACT}, {@code SEION}...)
 */
record SearchCriteria(String kana, String kanji, boolean namePrefix, String birthDate, Sex sex, String addressText,
                      MunicipalityCode municipality, String residentCode, String expectedMatch) {

    /** The body of {@code POST /api/v1/identity/search} (interface.md), default limit. */
    Map<String, Object> body(String affair) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("affair", affair);
        if (kana != null || kanji != null) {
            Map<String, Object> name = new LinkedHashMap<>();
            putIfAsked(name, "kana", kana);
            putIfAsked(name, "kanji", kanji);
            body.put("name", name);
            if (namePrefix) {
                body.put("namePrefix", true);
            }
        }
        putIfAsked(body, "birthDate", birthDate);
        putIfAsked(body, "sex", sex == null ? null : sex.code());
        if (addressText != null || municipality != null) {
            Map<String, Object> address = new LinkedHashMap<>();
            putIfAsked(address, "text", addressText);
            putIfAsked(address, "municipalityCode", municipality == null ? null : municipality.value());
            body.put("address", address);
        }
        return body;
    }

    /** The same search as the registry reads it from the body, for the plain-JDBC reference. */
    FourFieldCriteria criteria() {
        return new FourFieldCriteria(kana == null && kanji == null ? null : new NameCriterion(kana, kanji, namePrefix),
                birthDate == null ? null : BirthDateRange.parse(birthDate), sex,
                addressText == null && municipality == null ? null : new AddressCriterion(addressText, municipality),
                false);
    }

    private static void putIfAsked(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** Masked: synthetic, but shaped like personal data, and none goes to a log or report. */
    @Override
    public String toString() {
        return "SearchCriteria[***]";
    }
}
