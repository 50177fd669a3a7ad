package org.residentregistry.core.overseas;

import org.residentregistry.core.codes.MunicipalityCode;

/** An address in the overseas file — 住所: the municipality's code, absent when the person lives abroad. */
public record OverseasAddress(MunicipalityCode municipalityCode, String text, int gaijiCount) {

    /** Masked: personal data must not reach a log through an exception or a debug line. */
    @Override
    public String toString() {
        return "OverseasAddress[***]";
    }
}
