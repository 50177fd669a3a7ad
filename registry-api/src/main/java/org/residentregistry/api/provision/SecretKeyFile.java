package org.residentregistry.api.provision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secret key kept in a file outside the database, as Base64 on one line: the provision log's checkpoint key, the
 * purge record's digest key. At the first start, when the file does not exist, a random key is written to it,
 * readable by the owner only; every node of a registry reads the same file.
 */
public final class SecretKeyFile {

    private static final Logger log = LoggerFactory.getLogger(SecretKeyFile.class);

    private SecretKeyFile() {
    }

    /** Writes a random key of {@code length} bytes to {@code file} unless it exists; {@code purpose} names it in the log. */
    public static void createIfAbsent(Path file, int length, String purpose) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        // Written under a temporary name created 0600, then linked to its name, which fails if the name exists: a
        // crash never leaves a half-written key, and of two processes starting at once one key wins for both.
        Path partial = Files.createTempFile(directory, ".secret-key", ".partial",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(partial, Base64.getEncoder().encodeToString(bytes) + "\n", StandardOpenOption.SYNC);
            Files.createLink(file, partial);
        } catch (FileAlreadyExistsException e) {
            return;
        } finally {
            Files.delete(partial);
        }
        log.warn("Created a new {} in {}: keep a copy outside the database's backups", purpose, file);
    }

    /** The key in {@code file}, of at least {@code minLength} bytes. */
    public static byte[] read(Path file, int minLength) throws IOException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length < minLength) {
            throw new IOException("The key file " + file + " does not hold a Base64 key of at least " + minLength + " bytes");
        }
        return bytes;
    }
}
