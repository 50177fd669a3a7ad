package org.residentregistry.core.identity;

import java.util.Optional;

import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.core.codes.ResidentCode;

/**
 * The one way into the identity file from the overseas-address file (ArchUnit-checked): the individual number —
 * 個人番号 — that the identity file's latest version of a resident code holds, current or removed, for an overseas
 * provision whose affair allows it (domain.md §1.2). Nothing else of the identity record crosses.
 */
public interface IndividualNumberLookup {

    Optional<IndividualNumber> individualNumberOf(ResidentCode residentCode);
}
