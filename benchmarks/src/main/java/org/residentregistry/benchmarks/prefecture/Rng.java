package org.residentregistry.benchmarks.prefecture;

/**
 * A seeded pseudo-random generator (SplitMix64). The algorithm is written out here rather than taken from
 * {@code java.util} so that a seed gives byte-identical output on every JDK, which benchmark results compared
 * across machines and years depend on.
 */
final class Rng {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    Rng(long seed) {
        this.state = seed;
    }

    /**
     * An independent generator for one named stream of a seed ("residents/111007", "changes"…), so that each
     * stream can be produced on its own, in any order, and still come out the same.
     */
    static Rng of(long seed, String stream) {
        return new Rng(mix(mix(seed) + GOLDEN_GAMMA * stream.hashCode()));
    }

    /** SplitMix64's finaliser: a bijective scrambling of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, bound) by multiply-and-shift; the bias is below 2⁻³² × bound, far under any tolerance here. */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in [low, high], both included. */
    int between(int low, int high) {
        return low + nextInt(high - low + 1);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    boolean chance(double probability) {
        return nextDouble() < probability;
    }
}
