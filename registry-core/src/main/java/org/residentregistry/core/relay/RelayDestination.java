package org.residentregistry.core.relay;

/**
 * Where the registry relays the changes it applies (domain.md §2.5): each file has a national server of its own.
 */
public enum RelayDestination {

    /** The national server — 全国サーバ — which receives the identity file's changes. */
    IDENTITY_NATIONAL,

    /** The annex national server — 附票全国サーバ — which receives the overseas-address file's changes. */
    ANNEX_NATIONAL
}
