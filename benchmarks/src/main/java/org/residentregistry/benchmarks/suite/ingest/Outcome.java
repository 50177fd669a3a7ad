package org.residentregistry.benchmarks.suite.ingest;

/**
 * The registry's answer to one notification, as its result says it (interface.md, Notifications): the status and,
 * for a rejection, the reason code. The effect and version are not compared: they follow from the status.
 */
public record Outcome(String status, String reason) {

    public static final Outcome APPLIED = new Outcome("APPLIED", null);
    public static final Outcome DUPLICATE = new Outcome("DUPLICATE", null);
    public static final Outcome OUT_OF_ORDER = new Outcome("REJECTED", "OUT_OF_ORDER");

    /** {@code APPLIED}, {@code REJECTED/NOT_HOLDER} */
    @Override
    public String toString() {
        return reason == null ? status : status + "/" + reason;
    }
}
