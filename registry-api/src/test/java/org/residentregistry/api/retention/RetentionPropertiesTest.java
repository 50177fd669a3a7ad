package org.residentregistry.api.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.residentregistry.core.retention.RetentionPeriod;
import org.residentregistry.core.retention.RetentionPolicy;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Unconfigured, both files keep superseded versions and removed persons 150 years (domain.md §6). */
class RetentionPropertiesTest {

    @Test
    void bothPeriodsAreOneHundredFiftyYearsUnlessConfigured() {
        RetentionProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("registry.retention", RetentionProperties.class);

        assertThat(properties.policy()).isEqualTo(new RetentionPolicy(RetentionPeriod.of("P150Y"),
                RetentionPeriod.of("P150Y")));
    }

    @Test
    void aConfiguredPeriodReplacesTheDefault() {
        RetentionProperties properties = new Binder(new MapConfigurationPropertySource(
                Map.of("registry.retention.superseded-version", "P5Y")))
                .bindOrCreate("registry.retention", RetentionProperties.class);

        assertThat(properties.policy()).isEqualTo(new RetentionPolicy(RetentionPeriod.of("P5Y"),
                RetentionPeriod.of("P150Y")));
    }
}
