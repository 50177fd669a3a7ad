package org.residentregistry.core.overseas;

/** A name as the overseas file holds it — 氏名 (漢字, 外字数, ふりがな): it has no gaiji change sequence. */
public record OverseasName(String kanji, String kana, int gaijiCount) {

    /** Masked: personal data must not reach a log through an exception or a debug line. */
    @Override
    public String toString() {
        return "OverseasName[***]";
    }
}
