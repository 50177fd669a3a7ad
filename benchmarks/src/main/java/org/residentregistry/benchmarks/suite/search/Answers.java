package org.residentregistry.benchmarks.suite.search;

import java.util.List;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the answers of one measured run held, checked one by one against the resident each search was drawn from:
 * that resident must be among the results, with the match expected, unless the answer was truncated before
 * reaching them (results come closest match first, then by resident code). An answer that is not truncated and
 * lacks them is wrong: the call fails, and the run with it.
 */
final class Answers {

    /** A result: whose record, and how it matched. */
    record Hit(String residentCode, String match) {
    }

    /**
     * @param found      answers holding the drawn resident
     * @param beyondPage truncated answers whose page ended before the drawn resident
     * @param otherMatch answers holding the drawn resident with another match than expected
     * @param wrong      answers lacking the drawn resident though not truncated (warm-up included)
     * @param truncated  answers with {@code truncated} set
     * @param totalMean  the mean {@code total} (residents matched)
     * @param totalMax   the largest {@code total}
     */
    record Summary(long answers, long found, long beyondPage, long otherMatch, long wrong, long truncated,
                   double totalMean, long totalMax) {

        double truncatedShare() {
            return answers == 0 ? 0 : (double) truncated / answers;
        }
    }

    private final LongAdder answers = new LongAdder();
    private final LongAdder found = new LongAdder();
    private final LongAdder beyondPage = new LongAdder();
    private final LongAdder otherMatch = new LongAdder();
    private final LongAdder wrong = new LongAdder();
    private final LongAdder truncated = new LongAdder();
    private final LongAdder totalSum = new LongAdder();
    private final LongAccumulator totalMax = new LongAccumulator(Math::max, 0);

    /** Counts the answer, or throws if it lacks the resident it must hold (no personal data in the message). */
    void check(SearchCriteria search, long total, boolean isTruncated, List<Hit> hits) {
        answers.increment();
        totalSum.add(total);
        totalMax.accumulate(total);
        if (isTruncated) {
            truncated.increment();
        }
        Hit drawn = hits.stream().filter(h -> h.residentCode().equals(search.residentCode())).findFirst()
                .orElse(null);
        if (drawn != null) {
            found.increment();
            if (!drawn.match().equals(search.expectedMatch())) {
                otherMatch.increment();
            }
        } else if (isTruncated) {
            beyondPage.increment();
        } else {
            wrong.increment();
            throw new IllegalStateException("the resident the search was drawn from is not among its " + total
                    + " results");
        }
    }

    Summary summary() {
        long count = answers.sum();
        return new Summary(count, found.sum(), beyondPage.sum(), otherMatch.sum(), wrong.sum(), truncated.sum(),
                count == 0 ? 0 : (double) totalSum.sum() / count, totalMax.get());
    }
}
