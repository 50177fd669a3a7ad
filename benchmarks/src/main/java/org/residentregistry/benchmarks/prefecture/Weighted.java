package org.residentregistry.benchmarks.prefecture;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** A fixed list of items drawn in proportion to their weights. */
final class Weighted<T> {

    private final List<T> items;
    private final double[] cumulative;

    private Weighted(List<T> items, double[] weights) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("nothing to choose from");
        }
        this.items = List.copyOf(items);
        this.cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
    }

    static <T> Weighted<T> of(List<T> items, ToDoubleFunction<? super T> weight) {
        return new Weighted<>(items, items.stream().mapToDouble(weight).toArray());
    }

    /**
     * Items listed from the most to the least frequent, the n-th (n from 1) weighing 1/(n + 10). Japanese name
     * counts fall off with rank like this, flatter at the top than a pure Zipf law: the commonest surname is drawn
     * about three times as often as the 20th and ten times as often as the 100th.
     */
    static <T> Weighted<T> byRank(List<T> byFrequency) {
        double[] weights = new double[byFrequency.size()];
        Arrays.setAll(weights, i -> 1.0 / (i + 1 + 10));
        return new Weighted<>(byFrequency, weights);
    }

    T pick(Rng rng) {
        double x = rng.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, x);
        int index = i >= 0 ? i + 1 : -i - 1;
        return items.get(Math.min(index, items.size() - 1));
    }
}
