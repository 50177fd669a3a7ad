package org.residentregistry.core.relay;

import java.util.List;

/**
 * The port to the national servers — 全国サーバ, 附票全国サーバ — whose protocol is not public. A call sends at most
 * one change per person, so the order of a person's changes never depends on how the receiver processes a call.
 */
public interface NationalServer {

    /** Sends {@code changes} to {@code destination}: one outcome per change, in the same order. */
    List<DeliveryOutcome> deliver(RelayDestination destination, List<RelayedChange> changes);
}
