package org.residentregistry.benchmarks.prefecture;

import java.util.List;

/** Populations shared by the tests, made once per test run: generating is what most tests check. */
final class Populations {

    static final long SEED = 20_260_401L;
    static final int HUNDRED_THOUSAND = 100_000;

    private static SyntheticPrefecture prefecture;
    private static List<SyntheticResident> residents;

    private Populations() {
    }

    static synchronized SyntheticPrefecture hundredThousand() {
        if (prefecture == null) {
            prefecture = SyntheticPrefecture.saitama(SEED, HUNDRED_THOUSAND);
        }
        return prefecture;
    }

    static synchronized List<SyntheticResident> hundredThousandResidents() {
        if (residents == null) {
            residents = hundredThousand().residents().toList();
        }
        return residents;
    }
}
