package org.residentregistry.benchmarks.prefecture;

import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.core.codes.ResidentCode;

/**
 * Resident codes and individual numbers for the n-th person a synthetic prefecture ever creates: the residents
 * of the initial population first, then those born or moving in later. Each number is a keyed permutation of n
 * completed with its check digit, so codes never repeat and do not reveal the order people were created in.
 */
final class CodeSpace {

    private static final long RESIDENT_CODE_KEY = 0x5245534944454E54L;
    private static final long INDIVIDUAL_NUMBER_KEY = 0x4D594E554D424552L;

    /** Ten digits before the check digit. */
    private final FeistelPermutation residentBodies;
    /** Eleven digits before the check digit. */
    private final FeistelPermutation individualNumberBodies;

    CodeSpace(long seed) {
        this.residentBodies = new FeistelPermutation(100_000L, 100_000L, Rng.mix(seed ^ RESIDENT_CODE_KEY));
        this.individualNumberBodies =
                new FeistelPermutation(100_000L, 1_000_000L, Rng.mix(seed ^ INDIVIDUAL_NUMBER_KEY));
    }

    ResidentCode residentCode(long person) {
        return ResidentCode.withCheckDigit(zeroPadded(residentBodies.apply(person), 10));
    }

    /** The individual number the n-th person is first given. */
    IndividualNumber individualNumber(long person) {
        return individualNumberAt(person);
    }

    /**
     * The k-th number issued to replace one (after a leak, say). Replacements are counted down from the top of the
     * number space, so they never meet the first numbers of people, which count up from the bottom.
     */
    IndividualNumber replacementIndividualNumber(long k) {
        return individualNumberAt(individualNumberBodies.size() - 1 - k);
    }

    private IndividualNumber individualNumberAt(long index) {
        return IndividualNumber.withCheckDigit(zeroPadded(individualNumberBodies.apply(index), 11));
    }

    private static String zeroPadded(long value, int width) {
        String digits = Long.toString(value);
        return "0".repeat(width - digits.length()) + digits;
    }
}
