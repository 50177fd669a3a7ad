package org.residentregistry.core.overseas;

import java.time.LocalDate;

import org.residentregistry.core.codes.Sex;

/**
 * The items of an overseas-address record — 附票本人確認情報 (domain.md §1.2) — that a notification carries whole,
 * apart from the resident codes and the notification's own items. There is no individual number: the file never
 * holds one.
 */
public record OverseasRecord(
        OverseasName name,
        LocalDate birthDate,
        Sex sex,
        OverseasAddress address,
        LastDomesticAddress lastDomesticAddress,
        boolean gaijiFlag,
        String gaijiPattern) {

    /** Masked: the record is personal data and must not reach a log through an exception or a debug line. */
    @Override
    public String toString() {
        return "OverseasRecord[***]";
    }
}
