package org.residentregistry.benchmarks.prefecture;

import java.time.LocalDate;
import java.time.Period;
import java.util.stream.IntStream;

/** Ages drawn from Japan's age pyramid, by five-year band, uniform within a band. */
final class AgePyramid {

    /**
     * Total population by five-year age band, 0–4 to 95–99, then 100 and over: 総務省統計局「令和2年国勢調査
     * 人口等基本集計」 (census day 2020-10-01). The bands up to 65–69 are the published figures. From 70–74 on they
     * are approximate (not re-checked against the table) and scaled so that the 65-and-over total is the published
     * 36,026,632. Only the shape matters here: two baby-boom bulges (45–49 and 70–74) over a narrowing base.
     */
    private static final long[] PEOPLE_BY_BAND = {
            4_516_082, 5_089_093, 5_350_517, 5_617_440, 5_931_306, 6_031_964, 6_484_594, 7_311_567,
            8_291_077, 9_650_293, 8_539_851, 7_767_482, 7_297_190, 8_075_268, 9_193_000, 7_079_000,
            5_412_000, 3_887_000, 1_811_000, 490_000, 79_000};

    private static final int BAND_YEARS = 5;

    private static final Weighted<Integer> BANDS = Weighted.of(
            IntStream.range(0, PEOPLE_BY_BAND.length).boxed().toList(), band -> PEOPLE_BY_BAND[band]);

    private AgePyramid() {
    }

    /** A birth date such that the person's age on {@code onDate} follows the pyramid. */
    static LocalDate birthDate(Rng rng, LocalDate onDate) {
        int youngest = BANDS.pick(rng) * BAND_YEARS;
        long latest = onDate.minusYears(youngest).toEpochDay();
        long earliest = onDate.minusYears(youngest + BAND_YEARS).plusDays(1).toEpochDay();
        return LocalDate.ofEpochDay(earliest + (long) (rng.nextDouble() * (latest - earliest + 1)));
    }

    static int age(LocalDate birthDate, LocalDate onDate) {
        return Period.between(birthDate, onDate).getYears();
    }
}
