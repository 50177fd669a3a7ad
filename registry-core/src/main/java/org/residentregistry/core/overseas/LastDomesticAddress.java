package org.residentregistry.core.overseas;

/** The last address in Japan of a person abroad — 最終住所. */
public record LastDomesticAddress(String text, int gaijiCount) {

    /** Masked: personal data must not reach a log through an exception or a debug line. */
    @Override
    public String toString() {
        return "LastDomesticAddress[***]";
    }
}
