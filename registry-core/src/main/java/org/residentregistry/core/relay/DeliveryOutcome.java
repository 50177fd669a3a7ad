package org.residentregistry.core.relay;

/**
 * What became of one change sent to a national server. A change the receiver already had counts as delivered;
 * a failure may pass (the receiver was down, slow, overloaded); a rejection will not, and parks the change.
 */
public sealed interface DeliveryOutcome {

    /** Applied by the receiver, now or by an earlier delivery. */
    record Delivered() implements DeliveryOutcome {
    }

    /** Not applied this time; delivered again after a back-off. {@code reason} carries no personal data. */
    record Failed(String reason) implements DeliveryOutcome {
    }

    /** Refused for good; parked until an administrator retries it. {@code reason} carries no personal data. */
    record Rejected(String reason) implements DeliveryOutcome {
    }

    DeliveryOutcome DELIVERED = new Delivered();
}
