package org.residentregistry.api.provision;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import org.residentregistry.projections.provision.CheckpointKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The provision log's checkpoint key, read from its file; at the first start, when the file does not exist, a
 * random key is written to it, readable by the owner only. Every node of a registry reads the same key.
 */
@Configuration(proxyBeanMethods = false)
class CheckpointKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CheckpointKeyConfiguration.class);

    @Bean
    CheckpointKey checkpointKey(ProvisionLogSettings settings) throws IOException {
        Path file = settings.checkpointKeyFile();
        if (Files.notExists(file)) {
            create(file);
        }
        return CheckpointKey.read(file);
    }

    private static void create(Path file) throws IOException {
        byte[] bytes = new byte[CheckpointKey.LENGTH];
        new SecureRandom().nextBytes(bytes);
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        // Written under a temporary name created 0600, then linked to its name, which fails if the name exists: a
        // crash never leaves a half-written key, and of two processes starting at once one key wins for both.
        Path partial = Files.createTempFile(directory, ".checkpoint-key", ".partial",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(partial, CheckpointKey.of(bytes).encoded(), StandardOpenOption.SYNC);
            Files.createLink(file, partial);
        } catch (FileAlreadyExistsException e) {
            return;
        } finally {
            Files.delete(partial);
        }
        log.warn("Created a new provision-log checkpoint key in {}: keep a copy outside the database's backups", file);
    }
}
