package org.residentregistry.core.search;

import org.residentregistry.core.identity.PersonName;

/**
 * The search keys of one way a person is named, and the name as written, by which an exact match is told from one
 * found only through a key. A component is null when the name has no kana or no kanji (a query may give only one).
 */
public record NameKeys(String kana, String kanji, String writtenKana, String writtenKanji) {

    public static NameKeys of(PersonName name) {
        return of(name.kana(), name.kanji());
    }

    /** The name with its former surname — 旧氏 — in place of the surname: a former surname matches as a surname. */
    public static NameKeys withFormerSurname(PersonName name, PersonName formerSurname) {
        return of(formerSurname.kana() + " " + Names.givenName(name.kana()),
                formerSurname.kanji() + " " + Names.givenName(name.kanji()));
    }

    /** The keys of a name given as kana and kanji, either of which may be null. */
    public static NameKeys of(String kana, String kanji) {
        return new NameKeys(
                kana == null ? null : KanaSearchKey.ofName(kana),
                kanji == null ? null : KanjiSearchKey.of(kanji),
                kana == null ? null : KanaSearchKey.written(kana),
                kanji == null ? null : KanjiSearchKey.written(kanji));
    }

    /** Masked: personal data must not reach a log through an exception or a debug line. */
    @Override
    public String toString() {
        return "NameKeys[***]";
    }
}
