package org.residentregistry.benchmarks.prefecture;

/**
 * A keyed bijection of [0, leftRadix × rightRadix): an alternating Feistel network on the two "digits" of a number
 * written in mixed radix. Numbering residents 0, 1, 2… through it gives codes that are unique by construction yet
 * scattered over the whole code space, as real resident codes are, instead of counting up.
 */
final class FeistelPermutation {

    /** Even, so that the halves are back in their own radix at the end. */
    private static final int ROUNDS = 6;

    private final long leftRadix;
    private final long rightRadix;
    private final long key;

    FeistelPermutation(long leftRadix, long rightRadix, long key) {
        this.leftRadix = leftRadix;
        this.rightRadix = rightRadix;
        this.key = key;
    }

    long size() {
        return leftRadix * rightRadix;
    }

    long apply(long x) {
        if (x < 0 || x >= size()) {
            throw new IllegalArgumentException("outside the permuted range");
        }
        long left = x / rightRadix;
        long right = x % rightRadix;
        long leftMod = leftRadix;
        long rightMod = rightRadix;
        for (int round = 0; round < ROUNDS; round++) {
            long mixed = Math.floorMod(left + Rng.mix(key + round * 0x632BE59BD9B4E019L + right), leftMod);
            left = right;
            right = mixed;
            long swap = leftMod;
            leftMod = rightMod;
            rightMod = swap;
        }
        return left * rightRadix + right;
    }
}
