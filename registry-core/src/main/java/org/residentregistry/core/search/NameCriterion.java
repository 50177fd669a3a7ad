package org.residentregistry.core.search;

/**
 * The name asked for in a four-field search: its kana, its kanji or both (at least one), as the whole name or, with
 * {@code prefix}, the beginning of it (a surname alone, say).
 */
public record NameCriterion(String kana, String kanji, boolean prefix) {

    public NameCriterion {
        if (kana == null && kanji == null) {
            throw new IllegalArgumentException("a name criterion needs its kana or its kanji");
        }
    }

    public NameKeys keys() {
        return NameKeys.of(kana, kanji);
    }

    /** Masked: personal data must not reach a log through an exception or a debug line. */
    @Override
    public String toString() {
        return "NameCriterion[***]";
    }
}
