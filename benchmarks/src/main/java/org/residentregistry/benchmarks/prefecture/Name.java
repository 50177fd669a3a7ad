package org.residentregistry.benchmarks.prefecture;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A notification's {@code name} or {@code formerSurname} object (interface.md; domain.md §1.1 items 2–4, 23 and
 * 25–28).
 */
@JsonPropertyOrder({"kanji", "kana", "gaijiCount", "gaijiChangeSeq"})
public record Name(String kanji, String kana, int gaijiCount, int gaijiChangeSeq) {

    /** Surname and given name separated by one space, as the record writes a full name. */
    static Name of(NamePart surname, NamePart givenName) {
        return new Name(surname.kanji() + ' ' + givenName.kanji(), surname.kana() + ' ' + givenName.kana(),
                surname.gaijiCount() + givenName.gaijiCount(), 0);
    }

    static Name of(NamePart surname) {
        return new Name(surname.kanji(), surname.kana(), surname.gaijiCount(), 0);
    }

    /** Never the personal data itself (synthetic or not), so that logs and test reports carry none. */
    @Override
    public String toString() {
        return "Name[***]";
    }
}
