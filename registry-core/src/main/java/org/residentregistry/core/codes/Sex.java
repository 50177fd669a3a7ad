package org.residentregistry.core.codes;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Sex — 性別 — as the resident register codes it. */
public enum Sex {
    MALE("1"), FEMALE("2");

    private final String code;

    Sex(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static Sex ofCode(String code) {
        for (Sex sex : values()) {
            if (sex.code.equals(code)) {
                return sex;
            }
        }
        throw new InvalidValueException("FORMAT", "sex must be \"1\" (male) or \"2\" (female)");
    }
}
