package org.residentregistry.api.admin;

import java.time.Instant;
import java.util.List;

/**
 * An affair (事務) that departments query the registry for, with the legal basis that allows it
 * (domain.md §3.1). Whether the individual number may be handed out is a property of the affair.
 *
 * @param files the files queries for this affair may read
 */
public record Affair(String code, String name, String legalBasis, Kind kind, List<RegistryFile> files,
                     boolean individualNumberAllowed, Instant createdAt) {

    public enum Kind {
        /** Transfer (移転) within the governor's organisation, for affairs of the law's appended table 5. */
        TRANSFER,
        /** Provision (提供) to another executive agency, for affairs of appended table 6. */
        PROVISION,
        /** Use under a prefectural ordinance (条例). */
        ORDINANCE
    }

    /** The registry's two files (domain.md §1). */
    public enum RegistryFile {
        /** The resident identity file (都道府県知事保存本人確認情報ファイル). */
        IDENTITY,
        /** The overseas-address file (都道府県知事保存附票本人確認情報ファイル). */
        OVERSEAS
    }
}
