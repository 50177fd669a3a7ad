package org.residentregistry.core.search;

import org.residentregistry.core.codes.Sex;

/**
 * What a four-field search — ４情報検索 (domain.md §3.2) — asks for: any of name, birth date, sex and address
 * (each null when not asked), and whether removed persons and earlier versions of records may match.
 */
public record FourFieldCriteria(NameCriterion name, BirthDateRange birthDate, Sex sex, AddressCriterion address,
                                boolean includeRemoved) {

    /**
     * Strong enough to find a person rather than fish for many: at least two of the four fields, one of them the
     * name or the birth date.
     */
    public boolean strongEnough() {
        int fields = (name == null ? 0 : 1) + (birthDate == null ? 0 : 1) + (sex == null ? 0 : 1) + (address == null ? 0 : 1);
        return fields >= 2 && (name != null || birthDate != null);
    }

    /** Masked: personal data must not reach a log through an exception or a debug line. */
    @Override
    public String toString() {
        return "FourFieldCriteria[***]";
    }
}
