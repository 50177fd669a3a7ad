package org.residentregistry.benchmarks.suite.search;

import java.text.Normalizer;
import java.time.YearMonth;
import java.util.Map;

import org.residentregistry.benchmarks.prefecture.SyntheticResident;

/**
 * The allowed combinations of the four fields (at least two, one of them the name or the birth date; issue 4 and
 * README "Four-field search"), each with the way a search of that kind is drawn from a synthetic resident, among
 * them the hard cases: a reading written without its voicing, a kanji in its standard form where the record has a
 * variant, the former surname.
 */
public enum SearchCombination {

    KANA_DAY("kana + day") {
        @Override
        SearchCriteria of(SyntheticResident r) {
            return search(r).kana(kana(r)).day().build();
        }
    },
    KANJI_DAY("kanji + day") {
        @Override
        SearchCriteria of(SyntheticResident r) {
            return search(r).kanji(kanji(r)).day().build();
        }
    },
    KANA_KANJI_DAY("kana and kanji + day") {
        @Override
        SearchCriteria of(SyntheticResident r) {
            return search(r).kana(kana(r)).kanji(kanji(r)).day().build();
        }
    },
    KANA_SEX("kana + sex") {
        @Override
        SearchCriteria of(SyntheticResident r) {
            return search(r).kana(kana(r)).sex().build();
        }
    },
    KANA_TOWN("kana + address (municipality and town)") {
        @Override
        SearchCriteria of(SyntheticResident r) {
            return search(r).kana(kana(r)).town().build();
        }
    },
    KANJI_MUNICIPALITY("kanji + municipality code") {
        @Override
        SearchCriteria of(SyntheticResident r) {
            return search(r).kanji(kanji(r)).municipality().build();
        }
    },
    SURNAME_PREFIX_DAY("surname kana (namePrefix) + day") {
        @Override
        SearchCriteria of(SyntheticResident r) {
            return search(r).kana(r.surname().kana()).prefix().day().expect("PREFIX").build();
        }
    },
    MONTH_KANA("month + kana") {
        @Override
        SearchCriteria of(SyntheticResident r) {
            return search(r).kana(kana(r)).month().build();
        }
    },
    YEAR_KANA("year + kana") {
        @Override
        SearchCriteria of(SyntheticResident r) {
            return search(r).kana(kana(r)).year().build();
        }
    },
    DAY_SEX("day + sex") {
        @Override
        SearchCriteria of(SyntheticResident r) {
            return search(r).day().sex().build();
        }
    },
    DAY_TOWN("day + address (municipality and town)") {
        @Override
        SearchCriteria of(SyntheticResident r) {
            return search(r).day().town().build();
        }
    },
    DAY_MUNICIPALITY("day + municipality code") {
        @Override
        SearchCriteria of(SyntheticResident r) {
            return search(r).day().municipality().build();
        }
    },
    YEAR_TOWN("year + address (municipality and town)") {
        @Override
        SearchCriteria of(SyntheticResident r) {
            return search(r).year().town().build();
        }
    },
    MONTH_SEX_MUNICIPALITY("month + sex + municipality code") {
        @Override
        SearchCriteria of(SyntheticResident r) {
            return search(r).month().sex().municipality().build();
        }
    },
    YEAR_SEX("year + sex (the weakest allowed)") {
        @Override
        SearchCriteria of(SyntheticResident r) {
            return search(r).year().sex().build();
        }
    },
    ALL_FOUR("all four: kana and kanji, day, sex, whole address") {
        @Override
        SearchCriteria of(SyntheticResident r) {
            return search(r).kana(kana(r)).kanji(kanji(r)).day().sex().addressText(r.address().text()).build();
        }
    },
    SEION_DAY("kana without its voicing (seion only) + day") {
        @Override
        boolean applies(SyntheticResident r) {
            String kana = kana(r);
            // ヴ, ヂ and ヅ key differently from the kana their marks stripped leave (ウ, チ, ツ).
            return !devoiced(kana).equals(kana) && kana.chars().noneMatch(c -> c == 'ヴ' || c == 'ヂ' || c == 'ヅ');
        }

        @Override
        SearchCriteria of(SyntheticResident r) {
            return search(r).kana(devoiced(kana(r))).day().expect("SEION").build();
        }
    },
    VARIANT_DAY("kanji in standard form, record has a variant + day") {
        @Override
        boolean applies(SyntheticResident r) {
            return !standardForm(kanji(r)).equals(kanji(r));
        }

        @Override
        SearchCriteria of(SyntheticResident r) {
            return search(r).kanji(standardForm(kanji(r))).day().expect("VARIANT").build();
        }
    },
    FORMER_SURNAME_DAY("former surname and given name (kana) + day") {
        @Override
        boolean applies(SyntheticResident r) {
            return r.formerSurname() != null;
        }

        @Override
        SearchCriteria of(SyntheticResident r) {
            return search(r).kana(r.formerSurname().kana() + " " + r.givenName().kana()).day()
                    .expect("FORMER_SURNAME").build();
        }
    };

    /** The variant forms the synthetic prefecture writes (its {@code Spellings}), to the form a caller types. */
    private static final Map<Character, Character> STANDARD_FORMS = Map.of('髙', '高', '﨑', '崎', '邉', '辺',
            '邊', '辺', '齋', '斎', '齊', '斉');

    private final String label;

    SearchCombination(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** Whether a search of this kind can be drawn from the resident (the hard cases only from some). */
    boolean applies(SyntheticResident resident) {
        return true;
    }

    /** The search, drawn from a resident it {@linkplain #applies applies} to, that must find them. */
    abstract SearchCriteria of(SyntheticResident resident);

    private static String kana(SyntheticResident r) {
        return r.name().kana();
    }

    private static String kanji(SyntheticResident r) {
        return r.name().kanji();
    }

    /** The kana with their voiced and semi-voiced marks removed: ヤマザキ → ヤマサキ. */
    private static String devoiced(String kana) {
        return Normalizer.normalize(Normalizer.normalize(kana, Normalizer.Form.NFD).replaceAll("[\u3099\u309A]", ""),
                Normalizer.Form.NFC);
    }

    private static String standardForm(String kanji) {
        StringBuilder standard = new StringBuilder(kanji.length());
        kanji.codePoints().forEach(c -> standard.appendCodePoint(c <= Character.MAX_VALUE
                ? STANDARD_FORMS.getOrDefault((char) c, (char) c) : c));
        return standard.toString();
    }

    private static Builder search(SyntheticResident r) {
        return new Builder(r);
    }

    /** Collects the fields asked; nothing is asked unless set. */
    private static final class Builder {
        private final SyntheticResident resident;
        private String kana;
        private String kanji;
        private boolean prefix;
        private String birthDate;
        private boolean sex;
        private String addressText;
        private boolean municipality;
        private String expectedMatch = "EXACT";

        private Builder(SyntheticResident resident) {
            this.resident = resident;
        }

        Builder kana(String value) {
            kana = value;
            return this;
        }

        Builder kanji(String value) {
            kanji = value;
            return this;
        }

        Builder prefix() {
            prefix = true;
            return this;
        }

        Builder birthDate(String value) {
            birthDate = value;
            return this;
        }

        Builder day() {
            return birthDate(resident.birthDate().toString());
        }

        Builder month() {
            return birthDate(YearMonth.from(resident.birthDate()).toString());
        }

        Builder year() {
            return birthDate(Integer.toString(resident.birthDate().getYear()));
        }

        Builder sex() {
            sex = true;
            return this;
        }

        /** The municipality and town, as written in the record (with 埼玉県, which the search drops). */
        Builder town() {
            return addressText(resident.dwelling().district().addressPrefix());
        }

        Builder addressText(String value) {
            addressText = value;
            return this;
        }

        Builder municipality() {
            municipality = true;
            return this;
        }

        Builder expect(String match) {
            expectedMatch = match;
            return this;
        }

        SearchCriteria build() {
            return new SearchCriteria(kana, kanji, prefix, birthDate, sex ? resident.sex() : null, addressText,
                    municipality ? resident.municipalityCode() : null, resident.residentCode().value(),
                    expectedMatch);
        }
    }
}
