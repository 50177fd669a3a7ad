package org.residentregistry.benchmarks.prefecture;

/**
 * A notification as a municipality's CS puts it on the wire, and which kind of sending it is, so that a benchmark
 * can check the registry's answer to each one.
 */
public record Dispatch(Notification notification, Delivery delivery) {

    /** How a notification relates to what its municipality sent before. */
    public enum Delivery {
        /** Sent for the first time, in sequence order for its resident: applied. */
        FIRST,
        /**
         * The exact same notification again, as a CS resends after getting no answer: a {@code DUPLICATE}, which
         * changes nothing.
         */
        RESEND,
        /**
         * Sent after a notification with a higher update sequence for the same resident from the same municipality
         * (domain.md §2.3): {@code OUT_OF_ORDER}, rejected, changes nothing. Its sequence number was never sent
         * before.
         */
        LATE
    }
}
