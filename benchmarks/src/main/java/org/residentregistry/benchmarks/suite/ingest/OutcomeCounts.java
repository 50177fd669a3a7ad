package org.residentregistry.benchmarks.suite.ingest;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/** How many notifications got each outcome; safe to add to from many senders at once. */
final class OutcomeCounts {

    private final Map<Outcome, LongAdder> counts = new ConcurrentHashMap<>();

    void add(List<Outcome> outcomes) {
        outcomes.forEach(this::add);
    }

    void add(Outcome outcome) {
        counts.computeIfAbsent(outcome, o -> new LongAdder()).increment();
    }

    /** The counts, in a stable order for printing. */
    Map<Outcome, Long> snapshot() {
        return counts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum(),
                Long::sum, () -> new TreeMap<>(Comparator.comparing(Outcome::toString))));
    }
}
