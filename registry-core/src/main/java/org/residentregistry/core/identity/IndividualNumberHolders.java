package org.residentregistry.core.identity;

import java.util.Optional;

import org.residentregistry.core.codes.IndividualNumber;
import org.residentregistry.core.codes.ResidentCode;

/**
 * Which resident code holds each individual number in its current version (current or removed): the
 * registry-wide uniqueness behind {@code INDIVIDUAL_NUMBER_CONFLICT} (§2.2 rule 8). Implementations keep it
 * in the same transaction as the events, and unique in the database, so it holds across nodes.
 */
public interface IndividualNumberHolders {

    Optional<ResidentCode> holderOf(IndividualNumber number);

    /** Makes {@code holder} the holder of {@code number}, releasing {@code released} if given. */
    void assign(IndividualNumber number, ResidentCode holder, IndividualNumber released);
}
