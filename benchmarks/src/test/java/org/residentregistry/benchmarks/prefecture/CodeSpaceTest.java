package org.residentregistry.benchmarks.prefecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class CodeSpaceTest {

    @Test
    void theFeistelPermutationHitsEveryNumberOfItsRangeOnce() {
        FeistelPermutation permutation = new FeistelPermutation(37, 91, 42);

        Set<Long> images = new HashSet<>();
        LongStream.range(0, permutation.size()).forEach(x -> images.add(permutation.apply(x)));

        assertThat(images).hasSize(37 * 91).allMatch(y -> y >= 0 && y < 37 * 91);
    }

    @Test
    void replacementNumbersNeverMeetFirstNumbers() {
        CodeSpace codes = new CodeSpace(9);
        Set<String> numbers = new HashSet<>();

        LongStream.range(0, 20_000).forEach(n -> {
            numbers.add(codes.individualNumber(n).value());
            numbers.add(codes.replacementIndividualNumber(n).value());
        });

        assertThat(numbers).hasSize(40_000);
    }
}
