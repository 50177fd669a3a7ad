package org.residentregistry.api.readmodel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The read models' prewarm at start ({@code registry.read-model.prewarm.*}): on by default; {@code max-size} unset
 * reads up to PostgreSQL's {@code effective_cache_size}.
 */
@ConfigurationProperties("registry.read-model.prewarm")
public record ReadModelPrewarmProperties(@DefaultValue("true") boolean enabled, DataSize maxSize) {
}
