package org.residentregistry.core.search;

import org.residentregistry.core.codes.MunicipalityCode;

/**
 * The address asked for in a four-field search: the beginning of its text, the municipality that holds the record,
 * or both (at least one).
 */
public record AddressCriterion(String text, MunicipalityCode municipality) {

    public AddressCriterion {
        if (text == null && municipality == null) {
            throw new IllegalArgumentException("an address criterion needs its text or its municipality");
        }
    }

    /** Masked: personal data must not reach a log through an exception or a debug line. */
    @Override
    public String toString() {
        return "AddressCriterion[***]";
    }
}
