package org.residentregistry.api.retention;

import java.io.IOException;
import java.nio.file.Path;

import org.residentregistry.api.provision.SecretKeyFile;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Retention's settings and the key of the purge record's digests, made like the provision log's checkpoint key. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
class RetentionConfiguration {

    private static final int KEY_LENGTH = 32;

    @Bean
    ErasureDigests erasureDigests(RetentionProperties properties) throws IOException {
        Path file = properties.erasureDigestKeyFile();
        SecretKeyFile.createIfAbsent(file, KEY_LENGTH, "purge-record digest key");
        return new ErasureDigests(SecretKeyFile.read(file, KEY_LENGTH));
    }
}
