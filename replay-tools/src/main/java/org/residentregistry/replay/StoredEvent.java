package org.residentregistry.replay;

/**
 * One row of the event store (domain_event_entry) as stored: its position in the global order, the resident code
 * whose entry it belongs to (named by the aggregate identifier), its sequence among that resident's events, and the
 * serialised payload.
 */
record StoredEvent(long globalIndex, String residentCode, long sequenceNumber, String payloadType,
                   String payloadRevision, byte[] payload) {

    /** Without the payload, which is personal data. */
    @Override
    public String toString() {
        return "StoredEvent[#" + globalIndex + " " + payloadType + "]";
    }
}
