package org.residentregistry.core.codes;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An individual number — 個人番号 (My Number): eleven digits and a check digit (domain.md §4.1).
 */
public record IndividualNumber(String value) {

    public IndividualNumber {
        CheckDigits.requireDigits(value, 12, "an individual number");
        CheckDigits.requireCheckDigit(value, CheckDigits.weightedMod11(value.substring(0, 11)), "the individual number");
    }

    @JsonCreator
    public static IndividualNumber of(String value) {
        return new IndividualNumber(value);
    }

    /** Completes eleven digits with their check digit (for generators and tests). */
    public static IndividualNumber withCheckDigit(String elevenDigits) {
        CheckDigits.requireDigits(elevenDigits, 11, "an individual number body");
        return new IndividualNumber(elevenDigits + CheckDigits.weightedMod11(elevenDigits));
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    /** Never the number itself: records and exceptions print this, and logs must not carry it. */
    @Override
    public String toString() {
        return "IndividualNumber[***]";
    }
}
