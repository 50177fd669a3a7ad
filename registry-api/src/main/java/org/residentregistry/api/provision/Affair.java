package org.residentregistry.api.provision;

import java.util.Set;

/** An affair — 事務 — as the provision rules need it: its legal basis, the files it covers, and whether it may receive individual numbers. */
public record Affair(String code, String legalBasis, Set<RegistryFile> files, boolean individualNumberAllowed) {
}
