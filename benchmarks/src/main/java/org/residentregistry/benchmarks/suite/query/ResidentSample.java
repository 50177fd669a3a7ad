package org.residentregistry.benchmarks.suite.query;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.residentregistry.benchmarks.prefecture.SyntheticPrefecture;

/**
 * Resident codes to query, spread evenly over the whole prefecture (every k-th resident of the initial load), so
 * that random picks from it touch the whole table rather than a cached corner.
 */
public final class ResidentSample {

    private final String[] codes;

    private ResidentSample(String[] codes) {
        this.codes = codes;
    }

    public static ResidentSample of(SyntheticPrefecture prefecture, int most) {
        long stride = Math.max(1, -Math.floorDiv(-prefecture.size(), most));
        long[] seen = {0};
        String[] codes = prefecture.residents()
                .filter(resident -> seen[0]++ % stride == 0)
                .map(resident -> resident.residentCode().value())
                .toArray(String[]::new);
        return new ResidentSample(codes);
    }

    /** Codes drawn elsewhere, such as from a registry's database that an earlier run loaded. */
    public static ResidentSample of(List<String> codes) {
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("no resident codes to query");
        }
        return new ResidentSample(codes.toArray(String[]::new));
    }

    public String any() {
        return codes[ThreadLocalRandom.current().nextInt(codes.length)];
    }

    public int size() {
        return codes.length;
    }
}
