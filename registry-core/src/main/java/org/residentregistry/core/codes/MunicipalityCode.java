package org.residentregistry.core.codes;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A local government code — 全国地方公共団体コード: five digits and a check digit (domain.md §4.1).
 * Whether the municipality belongs to the prefecture is {@link org.residentregistry.core.prefecture.Prefecture}'s
 * question, not this type's.
 */
public record MunicipalityCode(String value) {

    public MunicipalityCode {
        CheckDigits.requireDigits(value, 6, "a municipality code");
        CheckDigits.requireCheckDigit(value, CheckDigits.localGovernment(value), "the municipality code");
    }

    @JsonCreator
    public static MunicipalityCode of(String value) {
        return new MunicipalityCode(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
