package org.residentregistry.benchmarks.prefecture;

import com.fasterxml.jackson.annotation.JsonValue;

/** 性別 as the record codes it (domain.md §1.1 item 6). */
public enum Sex {
    MALE("1"),
    FEMALE("2");

    private final String code;

    Sex(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }
}
