package org.residentregistry.benchmarks.suite;

/** A row of a report's table: a benchmark, its two figures, their ratio, issue 3's target and whether it was met. */
record ReportRow(String benchmark, String registry, String reference, String ratio, String target, String verdict) {

    static final String HEADER = "| Benchmark | Registry | Plain PostgreSQL | Ratio | Target (issue 3) | Met |\n"
            + "|---|---|---|---|---|---|";

    String markdown() {
        return "| " + String.join(" | ", benchmark, registry, reference, ratio, target, verdict) + " |";
    }

    static String verdict(boolean met) {
        return met ? "met" : "**missed**";
    }
}
