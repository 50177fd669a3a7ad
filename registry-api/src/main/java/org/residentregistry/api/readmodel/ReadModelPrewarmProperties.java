package org.residentregistry.api.readmodel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The read models' prewarm at start ({@code registry.read-model.prewarm.*}): {@code max-size} unset reads up to
 * PostgreSQL's {@code effective_cache_size}. Whether it runs at all, {@code enabled}, is {@link ReadModelPrewarm}'s
 * condition, not a value it reads.
 */
@ConfigurationProperties("registry.read-model.prewarm")
public record ReadModelPrewarmProperties(DataSize maxSize) {
}
