package org.residentregistry.benchmarks.prefecture;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A notification's {@code address} object (interface.md, domain.md §1.1 items 7, 8, 15, 24). */
@JsonPropertyOrder({"text", "oazaCode", "gaijiCount", "gaijiChangeSeq"})
public record Address(String text, String oazaCode, int gaijiCount, int gaijiChangeSeq) {

    /** Never the personal data itself (synthetic or not), so that logs and test reports carry none. */
    @Override
    public String toString() {
        return "Address[***]";
    }
}
