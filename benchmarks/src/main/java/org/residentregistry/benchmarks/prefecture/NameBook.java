package org.residentregistry.benchmarks.prefecture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.residentregistry.core.codes.Sex;

/**
 * The name lists ({@code /synthetic/surnames.csv}, {@code /synthetic/given-names.csv}), drawn with the frequency
 * skew of real names: each list is ordered from the commonest name down and weighted by {@link Weighted#byRank(List)}.
 * Given names also depend on the decade of birth, so that a 1950s 和子 and a 2010s 陽葵 come out at the right ages.
 */
final class NameBook {

    private record Surname(String kanji, String kana, String otherKana) {
    }

    private record GivenNames(Sex sex, int bornFrom, int bornUntil, Weighted<NamePart> names) {

        boolean fits(Sex sex, int birthYear) {
            return this.sex == sex && bornFrom <= birthYear && birthYear <= bornUntil;
        }
    }

    private final Weighted<Surname> surnames;
    private final List<GivenNames> givenNames;

    private NameBook(Weighted<Surname> surnames, List<GivenNames> givenNames) {
        this.surnames = surnames;
        this.givenNames = givenNames;
    }

    static NameBook load() {
        List<Surname> surnames = Resources.csvRows("surnames.csv").stream()
                .map(f -> new Surname(f[0], f[1], f[2].isEmpty() ? null : f[2]))
                .toList();
        return new NameBook(Weighted.byRank(surnames), givenNames());
    }

    /**
     * Rows {@code kanji,kana,sex,born}, grouped by sex and years of birth (a range such as {@code -1959} or
     * {@code 1990-}), each group listed from its commonest name down.
     */
    private static List<GivenNames> givenNames() {
        Map<List<String>, List<NamePart>> byGroup = new LinkedHashMap<>();
        for (String[] f : Resources.csvRows("given-names.csv")) {
            byGroup.computeIfAbsent(List.of(f[2], f[3]), group -> new ArrayList<>()).add(NamePart.of(f[0], f[1]));
        }
        return byGroup.entrySet().stream().map(e -> group(e.getKey().get(0), e.getKey().get(1), e.getValue())).toList();
    }

    private static GivenNames group(String sexCode, String born, List<NamePart> names) {
        Sex sex = sexCode.equals(Sex.MALE.code()) ? Sex.MALE : Sex.FEMALE;
        String[] years = born.split("-", -1);
        int from = years[0].isEmpty() ? Integer.MIN_VALUE : Integer.parseInt(years[0]);
        int until = years[1].isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(years[1]);
        return new GivenNames(sex, from, until, Weighted.byRank(names));
    }

    /**
     * A family's surname: the commoner names far more often, in some families with a variant kanji (髙橋) or the
     * other reading (ヤマサキ) — see {@link Spellings}.
     */
    NamePart familySurname(Rng rng) {
        Surname surname = surnames.pick(rng);
        String kana = surname.otherKana() != null && rng.chance(Spellings.OTHER_READING_SHARE)
                ? surname.otherKana() : surname.kana();
        return NamePart.of(Spellings.familyKanji(surname.kanji(), rng), kana);
    }

    NamePart givenName(Rng rng, Sex sex, int birthYear) {
        NamePart name = givenNames.stream()
                .filter(g -> g.fits(sex, birthYear))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no given names for a birth year"))
                .names().pick(rng);
        return rng.chance(Spellings.LARGE_KANA_SHARE)
                ? new NamePart(name.kanji(), Spellings.withoutSmallKana(name.kana()), name.gaijiCount())
                : name;
    }
}
