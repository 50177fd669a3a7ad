package org.residentregistry.replay;

/** An event of the store that this tool cannot read back into a domain event. */
final class UnreadableEventException extends Exception {

    UnreadableEventException(String message) {
        super(message);
    }
}
