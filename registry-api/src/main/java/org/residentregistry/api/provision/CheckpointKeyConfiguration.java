package org.residentregistry.api.provision;

import java.io.IOException;
import java.nio.file.Path;

import org.residentregistry.projections.provision.CheckpointKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The provision log's checkpoint key, read from its file; at the first start, when the file does not exist, a
 * random key is written to it, readable by the owner only. Every node of a registry reads the same key.
 */
@Configuration(proxyBeanMethods = false)
class CheckpointKeyConfiguration {

    @Bean
    CheckpointKey checkpointKey(ProvisionLogSettings settings) throws IOException {
        Path file = settings.checkpointKeyFile();
        SecretKeyFile.createIfAbsent(file, CheckpointKey.LENGTH, "provision-log checkpoint key");
        return CheckpointKey.read(file);
    }
}
