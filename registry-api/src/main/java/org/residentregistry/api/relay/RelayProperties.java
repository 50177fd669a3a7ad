package org.residentregistry.api.relay;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The relay's settings ({@code registry.relay.*}). Off by default: changes are kept in the outbox, shown as
 * pending, and relayed from the first once it is switched on.
 */
@ConfigurationProperties("registry.relay")
public record RelayProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue Endpoint identity,
        @DefaultValue Endpoint overseas,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("500") int batchSize,
        @DefaultValue("4") int threads,
        @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("30s") Duration lease,
        @DefaultValue Backoff backoff,
        @DefaultValue("5m") Duration ageWarning) {

    /** A national server: its URL (unset: not relayed) and the SSL bundle of the client certificate (unset: none). */
    public record Endpoint(String url, String sslBundle) {

        boolean configured() {
            return url != null && !url.isBlank();
        }
    }

    public record Backoff(@DefaultValue("1s") Duration initial, @DefaultValue("5m") Duration max) {
    }
}
