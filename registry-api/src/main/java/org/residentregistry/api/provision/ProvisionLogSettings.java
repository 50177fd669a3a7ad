package org.residentregistry.api.provision;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the provision log is written and sealed.
 *
 * @param checkpointKeyFile  the checkpoint key, outside the database (created 0600 with a random key if absent)
 * @param checkpointEvery    a checkpoint seals the chain after this many entries …
 * @param checkpointInterval … or once this long has passed since the last one, whichever comes first
 * @param maxBatch           at most this many waiting appends go into one group commit
 */
@ConfigurationProperties("registry.provision-log")
public record ProvisionLogSettings(Path checkpointKeyFile,
                                   @DefaultValue("1000") int checkpointEvery,
                                   @DefaultValue("PT10S") Duration checkpointInterval,
                                   @DefaultValue("1000") int maxBatch) {
}
