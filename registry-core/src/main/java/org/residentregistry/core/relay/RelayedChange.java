package org.residentregistry.core.relay;

/**
 * One applied change on its way to a national server — 全国サーバへの通知. {@code payload} is the change as JSON,
 * sent as it is; {@code idempotencyKey} identifies it to the receiver, which applies it once however often it
 * is delivered.
 */
public record RelayedChange(long id, String idempotencyKey, String payload) {
}
