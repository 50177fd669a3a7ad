package org.residentregistry.core.codes;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A resident code — 住民票コード: ten digits and a check digit (domain.md §4.1).
 */
public record ResidentCode(String value) {

    public ResidentCode {
        CheckDigits.requireDigits(value, 11, "a resident code");
        CheckDigits.requireCheckDigit(value, CheckDigits.weightedMod11(value.substring(0, 10)), "the resident code");
    }

    @JsonCreator
    public static ResidentCode of(String value) {
        return new ResidentCode(value);
    }

    /** Completes ten digits with their check digit (for generators and tests). */
    public static ResidentCode withCheckDigit(String tenDigits) {
        CheckDigits.requireDigits(tenDigits, 10, "a resident code body");
        return new ResidentCode(tenDigits + CheckDigits.weightedMod11(tenDigits));
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    /** Never the code itself: records and exceptions print this, and logs must not carry it. */
    @Override
    public String toString() {
        return "ResidentCode[***]";
    }
}
