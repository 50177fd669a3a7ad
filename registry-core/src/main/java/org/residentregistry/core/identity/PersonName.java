package org.residentregistry.core.identity;

/**
 * A name as the file holds it — 氏名 (漢字氏名, ふりがな氏名, 外字数, 外字変更連番). Also the shape of a
 * former surname — 旧氏 — whose kanji and kana then hold the surname alone. Stored exactly as notified:
 * search keys are derived elsewhere, never written back.
 */
public record PersonName(String kanji, String kana, int gaijiCount, int gaijiChangeSeq) {

    /** Masked: personal data must not reach a log through an exception or a debug line. */
    @Override
    public String toString() {
        return "PersonName[***]";
    }
}
