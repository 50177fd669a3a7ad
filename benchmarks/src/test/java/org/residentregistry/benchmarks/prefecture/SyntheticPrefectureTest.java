package org.residentregistry.benchmarks.prefecture;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.core.codes.ResidentCode;
import org.residentregistry.core.codes.Sex;
import org.residentregistry.core.prefecture.Municipality;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SyntheticPrefectureTest {

    private final SyntheticPrefecture prefecture = Populations.hundredThousand();
    private final List<SyntheticResident> residents = Populations.hundredThousandResidents();
    private final LocalDate today = prefecture.referenceDate();

    @Test
    void theSameSeedAndSizeGiveTheSameBytesAndAnotherSeedOthers() {
        String first = digestOfInitialLoad(SyntheticPrefecture.saitama(7, 20_000));
        String again = digestOfInitialLoad(SyntheticPrefecture.saitama(7, 20_000));
        String otherSeed = digestOfInitialLoad(SyntheticPrefecture.saitama(8, 20_000));

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void aMunicipalitysResidentsComeOutTheSameOnTheirOwnAsAmongAllOthers() {
        Municipality kawaguchi = prefecture.municipalities().get(3);
        NotificationJson json = new NotificationJson();

        List<String> alone = prefecture.initialLoad(kawaguchi).map(n -> new String(json.bytes(n))).toList();
        List<String> amongAll = prefecture.initialLoad()
                .filter(n -> n.municipalityCode().equals(kawaguchi.code()))
                .map(n -> new String(json.bytes(n))).toList();

        assertThat(kawaguchi.name()).isEqualTo("川口市");
        assertThat(alone).hasSize((int) prefecture.residentCount(kawaguchi)).isEqualTo(amongAll);
    }

    @Test
    void everyMunicipalityHoldsItsCensusShareOfResidents() {
        Map<String, Long> counted = residents.stream()
                .collect(Collectors.groupingBy(r -> r.municipalityCode().value(), Collectors.counting()));
        long censusTotal = prefecture.municipalities().stream().mapToLong(Municipality::population).sum();

        assertThat(residents).hasSize(Populations.HUNDRED_THOUSAND);
        for (Municipality m : prefecture.municipalities()) {
            double exactShare = (double) Populations.HUNDRED_THOUSAND * m.population() / censusTotal;
            assertThat((double) counted.getOrDefault(m.code().value(), 0L)).as(m.name())
                    .isCloseTo(exactShare, within(1.0));
        }
    }

    @Test
    void residentCodesAndIndividualNumbersAreValidUniqueAndNotCountingUp() {
        Set<String> residentCodes = new HashSet<>();
        Set<String> individualNumbers = new HashSet<>();
        int increasing = 0;
        for (int i = 0; i < residents.size(); i++) {
            SyntheticResident r = residents.get(i);
            residentCodes.add(ResidentCode.of(r.residentCode().value()).value());
            individualNumbers.add(IndividualNumber.of(r.individualNumber().value()).value());
            if (i > 0 && r.residentCode().value().compareTo(residents.get(i - 1).residentCode().value()) > 0) {
                increasing++;
            }
        }

        assertThat(residentCodes).hasSize(residents.size());
        assertThat(individualNumbers).hasSize(residents.size());
        assertThat((double) increasing / residents.size()).as("share of codes above the one before")
                .isCloseTo(0.5, within(0.02));
    }

    @Test
    void agesFollowTheCensusPyramid() {
        Map<Integer, Long> byBand = residents.stream()
                .collect(Collectors.groupingBy(r -> Math.min(AgePyramid.age(r.birthDate(), today) / 5, 20),
                        Collectors.counting()));

        // 2020 census, people of known age: 12.1% under 15, 29.1% 65 and over, 7.8% aged 45-49, the largest band
        assertThat(share(r -> AgePyramid.age(r.birthDate(), today) < 15)).isCloseTo(0.121, within(0.01));
        assertThat(share(r -> AgePyramid.age(r.birthDate(), today) >= 65)).isCloseTo(0.291, within(0.01));
        assertThat(byBand.get(9) / (double) residents.size()).isCloseTo(0.078, within(0.005));
        assertThat(byBand.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey()).isEqualTo(9);
        assertThat(residents).allMatch(r -> !r.birthDate().isAfter(today)
                && r.birthDate().isAfter(today.minusYears(105)));
    }

    @Test
    void slightlyUnderHalfAreMen() {
        assertThat(share(r -> r.sex() == Sex.MALE)).isCloseTo(People.MALE_SHARE, within(0.007));
    }

    @Test
    void addressesAreWrittenAsTheRegistryWritesThem() {
        Pattern form = Pattern.compile("埼玉県\\S+[一二三四五]丁目[０-９]+番[０-９]+号");
        assertThat(residents).allMatch(r -> {
            Municipality m = prefecture.municipalities().get(prefecture.index(r.municipalityCode()));
            return r.address().text().startsWith("埼玉県" + m.name()) && form.matcher(r.address().text()).matches()
                    && r.address().oazaCode().matches("\\d{4}");
        });
        assertThat(residents).anySatisfy(r -> assertThat(r.address().text()).startsWith("埼玉県さいたま市浦和区"));
    }

    @Test
    void commonSurnamesAreFarMoreFrequentThanRareOnes() {
        Map<String, Long> bySurname = residents.stream()
                .collect(Collectors.groupingBy(r -> r.surname().kana(), Collectors.counting()));

        assertThat(bySurname.get("サトウ")).isGreaterThan(5 * bySurname.get("ゴンダ"));
        assertThat(bySurname.get("スズキ")).isGreaterThan(2 * bySurname.get("オオタケ"));
    }

    @Test
    void someFamiliesWriteTheirSurnameWithAVariantKanjiWhichMayBeGaiji() {
        assertThat(share(r -> r.surname().kanji().contains("髙"), r -> r.surname().kanji().matches(".*[高髙].*")))
                .isCloseTo(0.10, within(0.03));
        assertThat(share(r -> r.surname().kanji().contains("齋"), r -> r.surname().kanji().matches(".*[斎齋].*")))
                .isCloseTo(0.20, within(0.04));
        assertThat(share(r -> r.surname().kanji().matches(".*[邉邊].*"), r -> r.surname().kanji().matches(".*[辺邉邊].*")))
                .isCloseTo(0.25, within(0.05));
        assertThat(residents).anySatisfy(r -> assertThat(r.surname().kanji()).contains("﨑"));
        assertThat(residents).anySatisfy(r -> assertThat(r.surname().kanji()).contains("齊"));
        assertThat(residents).allMatch(r -> r.surname().gaijiCount()
                == r.surname().kanji().chars().filter(c -> c == '髙' || c == '﨑').count());
    }

    @Test
    void someSurnamesAreReadVoicedInOneFamilyAndUnvoicedInAnother() {
        assertThat(share(r -> r.surname().kana().equals("ヤマサキ"), r -> r.surname().kanji().matches("山[崎﨑]")))
                .isCloseTo(Spellings.OTHER_READING_SHARE, within(0.05));
    }

    @Test
    void someReadingsAreWrittenWithoutSmallKana() {
        Set<String> smallKanaNames = residents.stream().map(r -> r.givenName().kana())
                .filter(kana -> kana.matches(".*[ァィゥェォッャュョヮ].*")).collect(Collectors.toSet());
        Set<String> writtenLarge = smallKanaNames.stream().map(Spellings::withoutSmallKana).collect(Collectors.toSet());

        assertThat(writtenLarge).contains("キヨウコ");
        assertThat(share(r -> writtenLarge.contains(r.givenName().kana()),
                r -> writtenLarge.contains(r.givenName().kana()) || smallKanaNames.contains(r.givenName().kana())))
                .isCloseTo(Spellings.LARGE_KANA_SHARE, within(0.015));
    }

    @Test
    void someMarriedResidentsHaveAFormerSurnameRecorded() {
        Predicate<SyntheticResident> adult = r -> AgePyramid.age(r.birthDate(), today) >= 25;

        assertThat(share(r -> r.formerSurname() != null, adult)).isCloseTo(0.015, within(0.005));
        assertThat(share(r -> r.sex() == Sex.FEMALE, r -> r.formerSurname() != null)).isGreaterThan(0.85);
        assertThat(residents).noneMatch(r -> r.formerSurname() != null && !adult.test(r));
        assertThat(residents).noneMatch(r -> r.formerSurname() != null
                && r.formerSurname().kana().equals(r.surname().kana()));
    }

    @Test
    void aboutOneAndAHalfPercentAreTwinsSharingBirthDateDwellingAndSurname() {
        Map<List<Object>, Long> byBirthAndHome = residents.stream().collect(Collectors.groupingBy(
                r -> List.of(r.birthDate(), r.dwelling(), r.surname()), Collectors.counting()));
        long twins = byBirthAndHome.values().stream().filter(n -> n > 1).mapToLong(Long::longValue).sum();

        assertThat((double) twins / residents.size()).isCloseTo(0.016, within(0.005));
    }

    @Test
    void unrelatedPeopleShareANameAndABirthDate() {
        Map<List<Object>, Set<Dwelling>> homesByNameAndBirth = residents.stream().collect(Collectors.groupingBy(
                r -> List.of(r.name().kanji(), r.birthDate()), Collectors.mapping(SyntheticResident::dwelling,
                        Collectors.toSet())));
        long namesakes = homesByNameAndBirth.values().stream().filter(homes -> homes.size() > 1)
                .mapToLong(Set::size).sum();

        assertThat((double) namesakes / residents.size()).isBetween(0.003, 0.01);
    }

    private double share(Predicate<SyntheticResident> which) {
        return share(which, r -> true);
    }

    private double share(Predicate<SyntheticResident> which, Predicate<SyntheticResident> among) {
        List<SyntheticResident> population = residents.stream().filter(among).toList();
        return (double) population.stream().filter(which).count() / population.size();
    }

    private static String digestOfInitialLoad(SyntheticPrefecture prefecture) {
        NotificationJson json = new NotificationJson();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            prefecture.initialLoad().forEach(n -> sha.update(json.bytes(n)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
