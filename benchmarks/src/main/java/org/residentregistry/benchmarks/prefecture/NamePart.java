package org.residentregistry.benchmarks.prefecture;

/** A surname or a given name: kanji, its katakana reading, and how many of its characters are 外字. */
public record NamePart(String kanji, String kana, int gaijiCount) {

    static NamePart of(String kanji, String kana) {
        return new NamePart(kanji, kana, Gaiji.count(kanji));
    }

    /** Never the personal data itself (synthetic or not), so that logs and test reports carry none. */
    @Override
    public String toString() {
        return "NamePart[***]";
    }
}
