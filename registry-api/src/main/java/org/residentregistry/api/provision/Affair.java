package org.residentregistry.api.provision;

import java.util.Set;

import org.residentregistry.projections.identity.ResidentRecordView;

/** An affair — 事務 — as the provision rules need it: its legal basis, the files it covers, and whether it may receive individual numbers. */
public record Affair(String code, String legalBasis, Set<RegistryFile> files, boolean individualNumberAllowed) {

    /** The record as this affair may receive it: without the individual number unless its legal basis allows it. */
    public ResidentRecordView handOut(ResidentRecordView record) {
        return individualNumberAllowed ? record : record.withoutIndividualNumber();
    }
}
