package org.residentregistry.core.codes;

/**
 * A value that breaks a rule of domain.md §4. The message names the rule broken, never the value,
 * so that it can be shown and logged without carrying personal data.
 */
public class InvalidValueException extends IllegalArgumentException {

    private final String code;

    public InvalidValueException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A stable, machine-readable code such as {@code CHECK_DIGIT} or {@code FORMAT}. */
    public String code() {
        return code;
    }
}
